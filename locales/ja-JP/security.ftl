# Sign-in limits, sessions, requests from other sites.
error-retry-in-minutes = { $minutes } 分後にもう一度お試しください。
