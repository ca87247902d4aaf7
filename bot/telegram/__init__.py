"""aiogram plumbing with no product rules: callback data, commands, filters, middlewares, the
guard, the open question's message, FSM states, Telegram's errors, the session and start-up."""
