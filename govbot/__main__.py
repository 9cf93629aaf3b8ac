from govbot.cli import app

app()
