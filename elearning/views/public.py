"""The public page that confirms a certificate is genuine. It shows the course and date, nothing about the person."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from elearning import selectors
from elearning.forms import VerifyForm


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("elearning:verify_code", code=form.cleaned_data["code"].strip().upper())
    return render(request, "elearning/public/verify.html", {"form": form})


@require_GET
def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    certificate = selectors.certificate_by_code(code)
    return render(
        request,
        "elearning/public/verify_result.html",
        {"certificate": certificate, "code": code, "form": VerifyForm(initial={"code": code})},
        status=200 if certificate else 404,
    )
