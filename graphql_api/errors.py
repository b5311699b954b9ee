from graphql import GraphQLError


class BadRequestArgument(GraphQLError):
    """An argument the API refuses: its message names the argument and what would be accepted."""
