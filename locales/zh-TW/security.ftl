# Sign-in limits, sessions, requests from other sites.
error-retry-in-minutes = 請在 { $minutes } 分鐘後再試一次。
