"""A seeded data set the size of the real mechanism, for benchmarks: bulk inserts, then ANALYZE."""
