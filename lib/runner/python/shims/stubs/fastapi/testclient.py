"""fastapi.testclient is for tests, which the simulator does not run."""

raise ImportError("fastapi.testclient (a test client) is not simulated: the simulator serves the app one request itself")
