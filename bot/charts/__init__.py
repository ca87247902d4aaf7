"""Pictures: their data (model), matplotlib (render, in the worker only), the worker pool,
and sending them (send). The bot's process imports `model`, `worker` and `send`, never
`render` (a structure test checks it)."""
