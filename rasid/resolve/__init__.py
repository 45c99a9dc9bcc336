"""Cross-source resolution of event mentions (`events`) and grouping of claims (`claims`)."""
