"""Archives on a cluster: `rasid batch` (Dask) writes Parquet shards; `rasid ingest --from-batch` loads them."""
