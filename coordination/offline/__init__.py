"""Answering offline: the questionnaire of a review as an Excel workbook or a Word document, and back.

What a file carries, so that an upload changes only what its author meant to change:

- **The whole file** names its review, questionnaire, language and part (whole questionnaire
  or the questions assigned to the person) and the format ``revmod-answers/1``.
  XLSX: a "very hidden" sheet ``revmod`` (Excel offers no way to show it; it also holds the
  option lists the answer cells' drop-downs read). DOCX: the document's first table, one
  grey line ``[revmod-answers/1 review=12 questionnaire=3 language=fr part=all]`` marked
  "do not edit". A file whose stamp names another review or questionnaire is refused whole.
- **Each question** carries the revision of its answer when the file was made.
  XLSX: one row per question, hidden columns A (question id) and B (revision), then number,
  question, kind of answer, options, and the answer (column G; a drop-down for yes/no and
  single-choice questions). DOCX: one table per question, its first row a grey marker
  ``[Q 1.2 · rev 3]`` (question number and revision), then the number and question, the kind
  and options, and the answer in the last row's second cell.
  Word keeps tables, their text and core structure through any edit, where content controls
  (unsupported by python-docx) or custom properties (dropped by some editors) would not.

On upload the revision tells, per question, whether the answer online changed since the
download (a conflict, resolved by hand) and what the person changed in the file. Nothing is
applied before the person confirms (coordination.services.offline.import_answers).
"""
