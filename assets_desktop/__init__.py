"""Assets Desktop: an underwriter's workbench for Plaid Asset Reports."""

__version__ = "0.1.0"
PLAID_VERSION = "2020-09-14"
