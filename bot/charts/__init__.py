"""Pictures: their data (model), matplotlib (render, in the worker only), the worker pool,
and sending them (send). Only `send` and `worker` are imported by the bot's process."""
