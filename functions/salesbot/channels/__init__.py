"""Where customers write from: Telegram bots and the web widget. Each runs the one pipeline."""
