# Sign-in limits, sessions, requests from other sites.
error-retry-in-minutes = { $minutes ->
    [one] Try again in 1 minute.
   *[other] Try again in { $minutes } minutes.
}
