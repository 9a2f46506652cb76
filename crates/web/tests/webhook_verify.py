"""Checks webhook deliveries with the Standard Webhooks reference library (`standardwebhooks`
from PyPI), an implementation independent of peerlearn's.

Reads {"secret": "whsec_...", "deliveries": [{"headers": {...}, "body": "..."}]} on stdin and
writes one result per delivery: {"ok": true, "type": ...} or {"ok": false, "error": ...}.
"""

import json
import sys

from standardwebhooks import Webhook


def main() -> None:
    request = json.load(sys.stdin)
    hook = Webhook(request["secret"])
    results = []
    for delivery in request["deliveries"]:
        try:
            payload = hook.verify(delivery["body"], delivery["headers"])
            results.append({"ok": True, "type": payload.get("type")})
        except Exception as e:  # the library raises its own WebhookVerificationError
            results.append({"ok": False, "error": f"{type(e).__name__}: {e}"})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
