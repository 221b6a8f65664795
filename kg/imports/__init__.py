"""The import stage: reference data, indicators, the workbook, the committee system and report extraction."""
