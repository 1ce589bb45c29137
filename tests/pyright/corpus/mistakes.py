"""The negative corpus: every line marked with an error comment and its mistake class must be a pyright error, and no
other line may be.

Type-checked by PythonTypeCheckTests with the modules SnakepitPythonModules writes for Snakepit's catalog and the
sample's myapp catalog (samples/Snakepit.Sample/myapp.events.yaml).
"""

import myapp_events
import snakepit_events

# Right: no error.
myapp_events.request_stop(duration=1_500_000, user_id="u-1", request_type="predict")
snakepit_events.python_call_stop(duration=10, command="predict", correlation_id="c-1", result="success")
snakepit_events.python_gc_completed(duration=32, collected=5, generation=0)
snakepit_events.python_cpu_sampled(cpu_percent=3, python_pid=1)
with snakepit_events.python_call_span(command="predict", correlation_id="c-2", error_category="timeout") as call:
    call.response_size = 3

# A misspelt event function.
myapp_events.reqest_stop(duration=1, user_id="u-1", request_type="predict")  # error: misspelt event
snakepit_events.python_call_stopp(duration=1, command="c", correlation_id="c", result="success")  # error: misspelt event

# An unknown keyword (a misspelt field).
myapp_events.request_stop(duration=1, user_id="u-1", request_type="predict", toknes=3)  # error: unknown keyword
snakepit_events.python_call_stop(duration=1, command="c", correlation_id="c", result="success", respons_size=3)  # error: unknown keyword

# A missing required field.
myapp_events.request_stop(duration=1, request_type="predict")  # error: missing required field
snakepit_events.python_call_exception(duration=1, command="c", correlation_id="c", error_type="KeyError")  # error: missing required field
snakepit_events.python_call_span(correlation_id="c")  # error: missing required field

# A wrong type.
myapp_events.request_stop(duration=0.25, user_id="u-1", request_type="predict")  # error: wrong type
myapp_events.request_stop(duration=1, user_id=7, request_type="predict")  # error: wrong type
snakepit_events.python_cpu_sampled(cpu_percent="3", python_pid=1)  # error: wrong type
snakepit_events.python_memory_sampled(rss_bytes=1, vms_bytes=2, python_pid="1")  # error: wrong type
call.response_size = "3"  # error: wrong type

# An enum value outside the catalog.
myapp_events.request_stop(duration=1, user_id="u-1", request_type="predit")  # error: enum value
snakepit_events.python_call_stop(duration=1, command="c", correlation_id="c", result="failure")  # error: enum value
call.error_category = "oom"  # error: enum value
