// Placeholder: the dashboard is written separately.
