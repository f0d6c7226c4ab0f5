# Multi-factor authentication: enrolment, the sign-in step, recovery codes, the policy.

mfa-title = Multi-factor authentication (MFA)
mfa-intro = With multi-factor authentication, signing in takes your password and a code from an authenticator app on your phone, so a stolen password alone does not let anyone in.
mfa-account-link = Multi-factor authentication (MFA) settings
mfa-status = Status
mfa-status-on-since = On since { $date }
mfa-status-off = Off
mfa-required-by-organization = Your organization requires multi-factor authentication for all users, so it cannot be turned off.
mfa-set-up = Set up
mfa-back = Back to multi-factor authentication
mfa-done-off = Multi-factor authentication is off.

mfa-sign-in-title = Enter your code
mfa-sign-in-intro = Open your authenticator app and enter the 6-digit code it shows for support-contacts.
mfa-code-label = Code
mfa-code-or-recovery-hint = No phone at hand? Enter one of your recovery codes instead.
mfa-verify = Verify
mfa-start-again = Sign in again

mfa-setup-title = Set up multi-factor authentication
mfa-setup-required-intro = Your organization requires multi-factor authentication. Set it up now to finish signing in.
mfa-setup-step-app = Install an authenticator app on your phone, such as Microsoft Authenticator.
mfa-setup-step-scan = In the app, add an account and scan this QR code.
mfa-setup-step-key = Cannot scan it? Enter this key in the app instead:
mfa-setup-step-code = Enter the 6-digit code the app shows.
mfa-setup-submit = Verify and turn on

mfa-codes-title = Recovery codes
mfa-codes-once = Save these codes now. They are shown only once.
mfa-codes-intro = Each code signs you in once when you cannot use your authenticator app. Keep them somewhere safe, such as a password manager.
mfa-codes-continue = Continue
mfa-codes-unused = { $count ->
    [one] { $count } unused
   *[other] { $count } unused
}
mfa-codes-renew-intro = New recovery codes replace your old ones: the old codes stop working.
mfa-codes-renew = Get new recovery codes

mfa-turn-off-title = Turn off multi-factor authentication
mfa-turn-off-proof = Current password or a code from your authenticator app
mfa-turn-off = Turn off

mfa-policy-label = Require multi-factor authentication for all users
mfa-policy-hint = Users without it set it up at their next sign-in.
mfa-policy-save = Save
mfa-policy-saved = The multi-factor authentication setting was saved.
mfa-reset = Reset multi-factor authentication
mfa-reset-hint = Signs the user out everywhere and removes their authenticator app and recovery codes. They set it up again at their next sign-in if your organization requires it.
mfa-reset-done = Multi-factor authentication was reset. The user was signed out.

mfa-error-code = That code is not right. Enter the current code from your authenticator app, or a recovery code.
mfa-error-code-used = That code was used already. Wait for the app to show a new code and enter it.
mfa-error-required = Your organization requires multi-factor authentication, so it cannot be turned off.
mfa-error-setup-expired = The set-up started again. Scan the new QR code (or enter the new key) and enter a code.
mfa-error-already-set-up = Multi-factor authentication is already set up for this account.
mfa-error-not-set-up = Multi-factor authentication is not set up for this account.
mfa-error-proof = That is not your current password or a current code.
mfa-error-reset-self = You cannot reset your own multi-factor authentication here. Use your own Multi-factor authentication page.
mfa-error-reset-none = This user has not set up multi-factor authentication.

audit-action-mfa-enrolled = Multi-factor authentication set up
audit-action-mfa-turned-off = Multi-factor authentication turned off
audit-action-mfa-recovery-codes-renewed = New recovery codes made
audit-action-mfa-recovery-code-used = Signed in with a recovery code
audit-action-mfa-reset = Multi-factor authentication reset
audit-action-mfa-required = Multi-factor authentication required for all users
audit-action-mfa-not-required = Multi-factor authentication no longer required
mfa-error-too-many-codes = Too many wrong codes or passwords were typed. Verification is paused for a while to protect the account.
