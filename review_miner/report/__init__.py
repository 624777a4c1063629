"""Reports: tables (pure pandas) and writers for the formats analysts use."""
