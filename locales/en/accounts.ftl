# Accounts: set-password links, passwords, User management, the Admin area's sections.

nav-user-management = User management
nav-change-password = Change password
admin-sections-label = Admin sections
role-customer-billing-admin = Billing admin
role-customer-helpdesk-admin = Helpdesk admin

form-has-errors = Some fields need a change. Nothing was saved yet.
validation-name-required = Enter a name.
validation-name-invalid = Use up to 200 characters and no control characters.
validation-email-taken = A user with this email address exists already.
validation-domain-required = Enter a domain, such as contoso.com.
validation-domain-invalid = Enter a domain such as contoso.com: letters, digits and hyphens, with a dot between the parts.
validation-partner-id-required = Enter a partner ID.
validation-partner-id-invalid = A partner ID has 6 to 10 digits.
init-error-name-taken = A partner organization with this name exists already.
init-error-partner-id-taken = An organization with this partner ID exists already.

password-new = New password
password-confirm = New password again
password-current = Current password
password-rules = At least { $min } characters; { $recommended } or more is better. Any characters count, spaces and emoji included, and you may paste. Commonly used passwords are refused.
password-error-required = Enter a new password.
password-error-too-short = This password is too short. Use at least 8 characters.
password-error-too-long = This password is too long. Use at most 128 characters.
password-error-common = This password is one of the most commonly used ones and easy to guess. Choose another.
password-error-context = The password must not be your email address or your name. Choose another.
password-error-mismatch = The two new passwords are not the same. Type them again.
password-error-current = The current password is not right. Nothing was changed.

set-password-title = Set your password
set-password-intro = Choose the password you will sign in with. This link works once.
set-password-submit = Set password
set-password-done = Your password is set. Sign in with it now.
set-password-problem-title = This link can't be used
set-password-problem-next = Ask a Global admin of your organization for a new link. If you already have a password, sign in.
set-password-link-unknown = This is not a link this site made. Check that you copied the whole link.
set-password-link-used = This link was used already. Each link sets a password once.
set-password-link-expired = This link has expired.
set-password-link-replaced = A newer link was made for this account; only the newest link works.
set-password-link-closed = This account is disabled or was removed.

account-password-title = Change password
account-password-intro = Enter your current password, then the new one twice. Your other sessions end; this one stays signed in.
account-password-submit = Change password
account-password-saved = Your password was changed. Your other sessions were signed out.

users-intro = The people of your organization who can sign in, with their roles. Global admins add users, change roles, and disable or remove users.
users-add = Add user
users-add-intro = The new user gets a link to set a password, valid for 7 days. You send it to them.
users-add-submit = Add user
users-col-name = Name
users-col-email = Email
users-col-role = Role
users-col-state = State
users-col-added = Added
user-state-active = Active
user-state-invited = Active, waiting for a password
user-state-disabled = Disabled
user-state-removed = Removed
users-change-role = Role
users-save-role = Save role
users-access = Access
users-new-link = New set-password link
users-disable = Disable user
users-enable = Enable user
users-remove = Remove user
users-is-you = This is you.
users-back = Back to User management
users-done-role = The role was changed.
users-done-disabled = The user was disabled and signed out everywhere.
users-done-enabled = The user was enabled and can sign in again.
users-done-removed = The user was removed.
users-error-role = Choose one of the roles in the list.
users-error-last-global-admin = Your organization must keep at least one active Global admin. Make another user a Global admin first.
users-error-removed = This user was removed.
users-error-link-disabled = A disabled user cannot set a password. Enable the user first.
users-disable-title = Disable user
users-disable-question = Disable { $name } ({ $email })?
users-disable-consequence = They are signed out everywhere at once and cannot sign in until a Global admin enables them again.
users-remove-title = Remove user
users-remove-question = Remove { $name } ({ $email })?
users-remove-consequence = They are signed out everywhere and can no longer sign in. The audit log keeps what they did.
users-added-title = User added
users-added-intro = { $name } was added. Send them the link below to set their password.
users-added-message = Hello { $name },

    { $admin } added you to { $organization } in support-contacts, where we manage who gives technical support for our customers' subscriptions.

    Set your password with this link before { $date }. The link works once:
    { $link }

    Then sign in with your email address, { $email }.
users-link-title = New set-password link
users-link-intro = A new link was made for { $name }; older links no longer work. Send them this one.
users-link-message = Hello { $name },

    here is a link to set a new password for { $organization } in support-contacts. It works once, before { $date }:
    { $link }

    If you did not ask for it, tell { $admin }.
users-link-label = Set-password link
users-link-note = Works once, until { $date }.

error-back-to-form = Go back to the form
error-title-conflict = This change was not made
error-title-gone = This is no longer available
error-title-too-many = Too many attempts
error-conflict = Someone else changed this at the same time. Reload the page and try again.
error-gone = What you asked for is no longer available.
error-too-many = There were too many attempts. Wait a moment and try again.
error-role-global-admins-only = Only your organization's Global admins can do this. Ask one of them.

audit-operator = Operator (command line)
audit-object-user = User
audit-object-organization = Organization
audit-action-organization-created = Organization created
audit-action-user-added = User added
audit-action-user-role-changed = Role changed
audit-action-user-disabled = User disabled
audit-action-user-enabled = User enabled
audit-action-user-removed = User removed
audit-action-password-link-issued = Set-password link made
audit-action-password-set = Password set through a link
audit-action-password-changed = Password changed
subscription-status-cancelled = Cancelled
