"""Stage 1, load: YAML with positions, rosters and attendance tables, returned notebooks, the project folder."""
