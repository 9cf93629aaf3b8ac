"""The typer application every command module registers on."""
import typer

app = typer.Typer(
    name="govbot",
    help="Cabinet decisions, delegations and obligations: parsed, tracked and recorded.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
