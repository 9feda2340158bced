"""sqlalchemy.exc as in SQLAlchemy 2.0.52 (lib/sqlalchemy/exc.py): the classes handlers catch,
their error codes and the "(Background on this error at: https://sqlalche.me/e/20/<code>)" line."""

# __init__.py sets exc._version_token = "".join(__version__.split(".")[0:2])
_version_token = "20"


class HasDescriptionCode:
    code = None
    _what_are_we = "error"

    def __init__(self, *arg, **kw):
        code = kw.pop("code", None)
        if code is not None:
            self.code = code
        super().__init__(*arg, **kw)

    def _code_str(self):
        if not self.code:
            return ""
        return f"(Background on this {self._what_are_we} at: https://sqlalche.me/e/{_version_token}/{self.code})"

    def __str__(self):
        message = super().__str__()
        if self.code:
            message = "%s %s" % (message, self._code_str())
        return message


class SQLAlchemyError(HasDescriptionCode, Exception):
    def _message(self):
        if len(self.args) == 1:
            return str(self.args[0])
        return str(self.args)

    def _sql_message(self):
        message = self._message()
        if self.code:
            message = "%s %s" % (message, self._code_str())
        return message

    def __str__(self):
        return self._sql_message()


class ArgumentError(SQLAlchemyError):
    pass


class ObjectNotExecutableError(ArgumentError):
    def __init__(self, target):
        super().__init__("Not an executable object: %r" % target)
        self.target = target


class NoSuchModuleError(ArgumentError):
    pass


class InvalidRequestError(SQLAlchemyError):
    pass


class ResourceClosedError(InvalidRequestError):
    pass


class NoResultFound(InvalidRequestError):
    pass


class MultipleResultsFound(InvalidRequestError):
    pass


class PendingRollbackError(InvalidRequestError):
    pass


class DisconnectionError(SQLAlchemyError):
    pass


class TimeoutError(SQLAlchemyError):  # noqa: A001 - SQLAlchemy's own name
    """Raised when a connection pool times out on getting a connection."""


class StatementError(SQLAlchemyError):
    def __init__(self, message, statement, params, orig, hide_parameters=False, code=None, ismulti=None):
        SQLAlchemyError.__init__(self, message, code=code)
        self.statement = statement
        self.params = params
        self.orig = orig
        self.ismulti = ismulti
        self.hide_parameters = hide_parameters
        self.detail = []

    def _sql_message(self):
        details = [self._message()]
        if self.statement:
            details.append("[SQL: %s]" % self.statement)
            if self.params:
                if self.hide_parameters:
                    details.append("[SQL parameters hidden due to hide_parameters=True]")
                else:
                    details.append("[parameters: %r]" % (self.params,))
        code_str = self._code_str()
        if code_str:
            details.append(code_str)
        return "\n".join(["(%s)" % det for det in self.detail] + details)


class DBAPIError(StatementError):
    code = "dbapi"

    @classmethod
    def instance(cls, statement, params, orig, dbapi_base_err, hide_parameters=False, connection_invalidated=False):
        """The wrapper of a DB-API error: the sqlalchemy.exc class named like the first DB-API
        class in the error's MRO (psycopg2.errors.QueryCanceled → OperationalError)."""
        if not isinstance(orig, dbapi_base_err) and statement:
            return StatementError(
                "(%s.%s) %s" % (orig.__class__.__module__, orig.__class__.__name__, orig),
                statement, params, orig, hide_parameters=hide_parameters, code=getattr(orig, "code", None),
            )
        chosen = cls
        for super_ in orig.__class__.__mro__:
            candidate = globals().get(super_.__name__)
            if isinstance(candidate, type) and issubclass(candidate, DBAPIError):
                chosen = candidate
                break
        return chosen(statement, params, orig, hide_parameters=hide_parameters, connection_invalidated=connection_invalidated, code=chosen.code)

    def __init__(self, statement, params, orig, hide_parameters=False, connection_invalidated=False, code=None, ismulti=None):
        try:
            text = str(orig)
        except Exception as e:  # noqa: BLE001 - as SQLAlchemy does
            text = "Error in str() of DB-API-generated exception: " + str(e)
        StatementError.__init__(
            self, "(%s.%s) %s" % (orig.__class__.__module__, orig.__class__.__name__, text),
            statement, params, orig, hide_parameters, code=code, ismulti=ismulti,
        )
        self.connection_invalidated = connection_invalidated


class InterfaceError(DBAPIError):
    code = "rvf5"


class DatabaseError(DBAPIError):
    code = "4xp6"


class DataError(DatabaseError):
    code = "9h9h"


class OperationalError(DatabaseError):
    code = "e3q8"


class IntegrityError(DatabaseError):
    code = "gkpj"


class InternalError(DatabaseError):
    code = "2j85"


class ProgrammingError(DatabaseError):
    code = "f405"


class NotSupportedError(DatabaseError):
    code = "tw8g"


class ObjectDeletedError(InvalidRequestError):
    pass


class UnboundExecutionError(InvalidRequestError):
    pass
