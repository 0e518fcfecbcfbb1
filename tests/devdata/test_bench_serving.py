"""The benchmark's serving comparison: process figures from /proc, the side-by-side table, bad set-up names."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from django.core.management.base import CommandError

from devdata import bench, serving
from devdata.management.commands.bench import Command


def test_a_workers_process_tree_counts_its_children():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        tree = serving.process_tree(os.getpid())
        assert os.getpid() in tree
        assert child.pid in tree
        assert serving.resident_mb([os.getpid(), child.pid]) > serving.resident_mb([os.getpid()]) > 5
    finally:
        child.kill()
        child.wait()


def test_cpu_seconds_grow_with_work_and_a_gone_process_counts_nothing():
    before = serving.cpu_seconds([os.getpid()])
    sum(i * i for i in range(3_000_000))
    assert serving.cpu_seconds([os.getpid()]) > before
    assert serving.cpu_seconds([2**22 + 7]) == 0  # no such process
    assert serving.resident_mb([2**22 + 7]) == 0


def load(rps: float, errors: int = 0) -> bench.LoadResult:
    return bench.LoadResult("/", 16, 6.0, int(rps * 6), errors, rps, 10.0, 20.0, 30.0)


def measured(bare: float, review: float) -> dict:
    keys = ("static file, 16 clients", "bare signed-in view, 16 clients", "review page, 16 clients")
    return {
        "description": "a set-up",
        "clients": [16],
        "load": dict(zip(keys, (load(1000), load(bare), load(review, errors=1)), strict=True)),
        "cpu": {key: {"workers": 1.5, "nginx": 0.1, "load generator": 0.3} for key in keys},
        "delivery": [bench.DeliveryResult(200, 200, 0, 20.0, 40.0, 50.0)],
        "memory_warm_mb": {"web-8111": 150.0},
        "memory_end_mb": {"web-8111": 160.0},
        "review_page_share_of_bare": {16: round(review / bare, 2)},
    }


def test_the_serving_table_puts_the_set_ups_side_by_side():
    command = Command(stdout=io.StringIO())
    command.report_serving({"wsgi": measured(300, 150), "daphne": measured(200, 50)})
    table = command.stdout.getvalue()

    assert "| measure | wsgi | daphne |" in table
    assert "| bare signed-in view, 16 clients: req/s | 300 | 200 |" in table
    assert "| review page throughput / bare view's, 16 clients | 50% | 25% |" in table
    assert "| review page, 16 clients: errors | 1 | 1 |" in table
    assert "| live delivery to 200 sockets: lost, p99 ms | 0, 40 | 0, 40 |" in table
    assert "| workers' memory MB, after warm-up -> end | 150->160 | 150->160 |" in table


def test_an_unknown_set_up_is_refused_before_anything_starts(tmp_path):
    options = {"servers": "wsgi,tomcat", "workers": 2, "out": tmp_path}
    with pytest.raises(CommandError, match="tomcat"):
        Command().compare_servers(options)
    assert not (tmp_path / "serving").exists()
