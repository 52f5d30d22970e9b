"""Plain data and pure functions: the report model, money, dates, analysis. No I/O, no Qt."""
