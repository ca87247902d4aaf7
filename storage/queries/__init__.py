"""The queries, in groups; `storage.repositories.Tx` combines them."""
