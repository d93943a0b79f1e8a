"""The preview: a watcher that rebuilds, and a server that reloads open pages."""
