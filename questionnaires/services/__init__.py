"""Every change to a questionnaire made by the authoring pages, the API and the spreadsheet round trip."""
