"""The last stage: the output folder (staging, atomic swap, reproducible zips), PDF conversion, safe spreadsheet cells."""
