## Layout
app-name = Support contacts
skip-to-content = Skip to main content
nav-main = Main
nav-customers = Customers
nav-support-profile = Support profile
nav-admin = Admin
nav-language = Language
signed-in-as = Signed in as { $name }
sign-out = Sign out
footer-text = Designate which reseller gives technical support for each subscription.
breadcrumbs-label = Breadcrumb
pager-label = Pages
pager-previous = Previous page
pager-next = Next page
submit = Submit
close = Close

## Organizations and roles
org-kind-indirect-provider = indirect provider
org-kind-indirect-reseller = indirect reseller
org-kind-customer = customer
role-admin-agent = Admin agent
role-global-admin = Global admin
role-helpdesk-agent = Helpdesk agent
role-sales-agent = Sales agent
role-billing-admin = Billing admin
role-customer-global-admin = Global admin
role-customer-user = User

## Sign in
sign-in-title = Sign in
sign-in-intro = Sign in with your work email and password.
sign-in-email = Email
sign-in-password = Password
sign-in-submit = Sign in
sign-in-missing-fields = Enter your email and your password.
sign-in-failed = The email or password is incorrect.

## Customers
customers-title = Customers
customers-search-label = Search customers by name
customers-search-submit = Search
customers-empty = You have no customers with subscriptions yet.
customers-no-match = No customer name contains “{ $search }”.
customers-col-name = Customer
customers-col-tenant = Tenant ID

## Subscriptions
subscriptions-title = Subscriptions
subscriptions-empty = You provide no subscriptions to this customer.
subscription-product = Product
subscription-quantity = Quantity
subscription-status = Status
subscription-commerce-type = Commerce type
subscription-customer = Customer
subscription-provider = Indirect provider
subscription-created = Created
subscription-licenses = { $count ->
    [one] { $count } license
   *[other] { $count } licenses
}
subscription-status-active = Active
subscription-status-suspended = Suspended
commerce-license-based = License-based
commerce-new-commerce = New commerce
designated-support-contact = Designated support contact
contact-not-applicable = Not applicable (new commerce)
contact-hint-default = For new subscriptions, the designated support contact defaults to the indirect provider. You can also change this to an indirect reseller that has delegated admin privileges.
contact-hint-missing = If the reseller's name doesn't appear in the list of available support contacts, add them in by requesting a relationship. After the relationship is established, they should appear in the list.
contact-read-only = Your role can view the designated support contact but not change it. Admin agents, Global admins and Helpdesk agents can change it.
contact-new-commerce-note = New-commerce subscriptions have no designated support contact: the partner that sold the subscription supports it.
contact-unchanged = That reseller already is the designated support contact. Nothing was changed.

## Review
review-title = Review the change
review-saved = The designated support contact was changed.
review-previous-contact = Previous support contact
review-new-contact = New support contact
review-changed-by = Changed by
review-changed-at = Changed at
review-instructions = Review that the changes are correct, and then select Close.

## Support profile
profile-title = Support profile
profile-intro = Customers see these details when your organization is the designated support contact of their subscription.
profile-saved = The support profile was saved.
profile-has-errors = Some details need your attention. Nothing was saved.
profile-email = Support email
profile-phone = Support phone
profile-website = Support website
profile-save = Save
profile-read-only = Only Admin agents and Global admins can change the support profile.
validation-email-required = Enter a support email.
validation-email-invalid = Enter an email address like support@example.com.
validation-phone-required = Enter a support phone number.
validation-phone-invalid = Enter a phone number using digits, spaces and + - ( ) . only, with 5 to 20 digits.
validation-website-required = Enter a support website.
validation-website-invalid = Enter a full website address like https://support.example.com.
validation-website-https = The website address must start with https://.

## Customer admin: Support
support-title = Support
support-intro = For technical support with a subscription, contact its designated support contact.
support-empty = Your organization has no subscriptions.
support-contact = Support contact
support-partner = Partner
support-email = Email
support-phone = Phone
support-website = Website
support-sold-by = Sold by
support-new-commerce-note = This is a new-commerce subscription: the partner that sold it gives support.

## Errors
error-go-home = Go to the home page
error-title-bad-request = The request could not be used
error-title-forbidden = Access denied
error-title-not-found = Page not found
error-title-too-large = Too much data
error-title-unavailable = Please try again
error-title-internal = Something went wrong
error-bad-request = The request could not be understood. Go back and try again.
error-bad-form = The form was incomplete or damaged. Go back, reload the page and try again.
error-bad-query = The address has a value this page cannot use. Check the address and try again.
error-forbidden = You do not have permission to do that.
error-not-found = The page you asked for does not exist, or you do not have access to it.
error-sign-in-required = Sign in to continue.
error-csrf = This form has expired or was not sent from this site. Go back, reload the page and try again.
error-payload-too-large = The form sent too much data. Shorten what you entered and try again.
error-unavailable = The service is briefly unavailable. Wait a moment and try again.
error-internal = Something went wrong on our side. Try again; if it keeps happening, contact your administrator.
error-partners-only = This page is for partner users.
error-customers-only = This page is for customer administrators.
error-ask-your-admin = Only your organization's admin can see the Admin area. Ask your admin for your support contact.
error-role-may-not-change = Your role cannot change a designated support contact. Ask an Admin agent, Global admin or Helpdesk agent.
error-role-may-not-edit-profile = Your role cannot change the support profile. Ask an Admin agent or Global admin.
error-new-commerce = New-commerce subscriptions have no designated support contact, so it cannot be changed.
error-contact-not-available = That organization is not one of the available support contacts for this subscription. Nothing was changed.
error-contact-stale = Someone else changed this subscription while you were working on it. Nothing was changed; the current designated support contact is shown below.
