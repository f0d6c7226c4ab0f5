# Sign-in limits, sessions, requests from other sites.
error-retry-in-minutes = { $minutes ->
    [one] Try again in 1 minute.
   *[other] Try again in { $minutes } minutes.
}
sign-in-throttled = Too many failed sign-in attempts for this account or from this address. Sign-in is paused for a while to protect the account.
sign-in-busy = Many people are signing in right now. Wait a few seconds and try again.
error-title-request-timeout = The request took too long
error-request-timeout = The form took too long to arrive. Check your connection and send it again.
error-too-many-requests = Too many requests are in progress from your address. Wait a moment and try again.
error-cross-site = This form was sent from another site, so it was not accepted. Open the page on this site and try again.
audit-action-sign-in-failed = Sign-in failed
audit-action-sign-in-throttled = Sign-in paused after failed attempts
audit-action-sessions-ended = Sessions ended
audit-anonymous = Someone not signed in
nav-sessions = Sessions
sessions-title = Your sessions
sessions-intro = These are the browsers where you are signed in. A session ends after 8 hours, or sooner when it is not used for a while. End any session you do not recognize, then change your password.
sessions-browser = Browser
sessions-address = Address
sessions-signed-in = Signed in
sessions-last-active = Last active (UTC)
sessions-action = Action
sessions-this-one = This session
sessions-unknown-browser = Unknown browser
sessions-end = Sign out this session
sessions-end-others = Sign out all other sessions
sessions-ended = The sessions you chose are signed out.
sessions-none-ended = That session has already ended. Nothing was changed.
