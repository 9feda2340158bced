import time

import functions_framework


@functions_framework.http
def timeout(request):
    print("Function running...")
    time.sleep(120)

    # Not reached when the function's timeout is under two minutes.
    print("Function completed!")
    return "Function completed!"
