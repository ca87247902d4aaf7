"""The Telegram side of PartnerFit: handlers, keyboards, middlewares, templates, entry point."""
