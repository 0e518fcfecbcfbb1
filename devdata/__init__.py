"""Development data: the demo, the scale data set and the benchmark harness.

Not the product: no product module imports this app (lint-imports checks it). It has no
models; it reads and writes the product's through their services and models.
"""
