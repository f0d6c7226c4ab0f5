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
org-kind-indirect-provider = Indirect provider
org-kind-indirect-reseller = Indirect reseller
org-kind-customer = Customer
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
customers-empty = You have no customers yet. Add one, import them from a file, or request a relationship.
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
contact-section-title = Technical support
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

## Relationships: navigation and shared words
nav-indirect-resellers = Indirect resellers
nav-supported-subscriptions = Supported subscriptions
nav-audit-log = Audit log
nav-partner-relationships = Partner relationships
request-a-relationship = Request a relationship
delegated-admin-privileges = Delegated admin privileges
include-delegated-admin = Include delegated admin privileges
remove-relationship-with-customer = Remove a relationship with a customer
remove-relationship-button = Remove the relationship
col-actions = Actions
yes = Yes
no = No
cancel = Cancel

## Indirect resellers (providers)
resellers-title = Indirect resellers
resellers-intro = An indirect reseller with an active partnership can be the designated support contact of your customers' subscriptions, once the customer has given it delegated admin privileges.
resellers-empty = You have no partnerships with indirect resellers yet.
resellers-col-name = Indirect reseller
resellers-col-partner-id = Partner ID
resellers-col-state = State
resellers-col-requested = Requested
resellers-col-expires = Expires
resellers-state-active = Active
resellers-state-removed = Removed
resellers-remove = Remove partnership
resellers-removed = The partnership was removed. Subscriptions the reseller supported have your organization as their designated support contact again.
resellers-request-intro = Enter the partner ID of the indirect reseller. You get a single-use link to send to its Admin agent or Global admin.
resellers-partner-id-label = Partner ID of the indirect reseller
resellers-error-required = Enter the partner ID of the indirect reseller.
resellers-error-unknown = No indirect reseller has this partner ID. Check the number and try again.
resellers-error-already = You already have an active partnership with this indirect reseller.
resellers-pending-title = Requests waiting for an answer
resellers-remove-title = Remove the partnership
resellers-remove-question = Remove your partnership with { $reseller }?
resellers-remove-consequence = { $reseller } will no longer be among the available support contacts of your customers' subscriptions. Every subscription for which it is the designated support contact goes back to your organization at once.

## Customer relationships (partners)
relationship-request-intro-any = Create a link that invites a customer to a relationship with your organization, and send it to the customer's Global admin. The relationship is made with the first customer whose admin accepts it.
relationship-request-intro-customer = Create a link that invites { $customer } to a relationship with your organization. Only the Global admin of { $customer } can accept it.
relationship-request-delegated-hint = With delegated admin privileges, your Admin agents can manage the customer's services, and your organization can become the designated support contact of its subscriptions.
customer-relationship-title = Relationship
customer-relationship-delegated = Your organization has a relationship with this customer, with delegated admin privileges.
customer-relationship-plain = Your organization has a relationship with this customer, without delegated admin privileges.
customer-relationship-none = Your organization has no relationship with this customer.
customer-resellers-title = Indirect resellers' relationships with this customer
customer-resellers-empty = None of your indirect resellers has a relationship with this customer.
customer-resellers-removed = The relationship was removed. Subscriptions the reseller supported for this customer have their indirect provider as designated support contact again.
remove-relationship-question = Remove the relationship between { $partner } and { $customer }?
remove-relationship-consequence = { $partner } loses its relationship with { $customer }, and with it any delegated admin privileges. Every subscription of { $customer } for which { $partner } is the designated support contact goes back to its indirect provider at once.

## Invitations
invitation-created-title = Send the invitation
invitation-created-intro = The invitation is ready. Copy the link and the message below and send them yourself: this is the only time the link is shown.
invitation-link-label = Invitation link
invitation-link-note = The link works once and expires on { $date }.
invitation-message-label = Message to send
invitation-message-partnership =
    { $provider } (partner ID { $partner_id }) requests a partnership with { $reseller } as one of its indirect resellers.

    To answer, an Admin agent or Global admin of { $reseller } signs in to { app-name } and opens this link:
    { $link }

    The link works once and expires on { $date }.
invitation-message-customer =
    { $partner } (partner ID { $partner_id }) requests a relationship with your organization.
    { $delegated ->
        [yes] The request includes delegated admin privileges, which let { $partner } manage your services; the page the link opens explains them.
       *[no] The request does not include delegated admin privileges.
    }

    To answer, your organization's Global admin signs in to { app-name } and opens this link:
    { $link }

    The link works once and expires on { $date }.
invitation-back = Back
invitation-partnership-title = Partnership request
invitation-customer-title = Relationship request
invitation-from = Requested by
invitation-partner-id = Partner ID
invitation-partner-kind = Type of partner
invitation-expires = Valid until
invitation-partnership-text = { $partner } asks your organization to become one of its indirect resellers. With an active partnership, { $partner } can make your organization the designated support contact of its customers' subscriptions.
invitation-customer-text = { $partner } requests a relationship with your organization.
invitation-delegated-explained = The request includes delegated admin privileges. They let the Admin agents of { $partner } manage your organization's services and subscriptions as your own administrators can: for example, add users, reset passwords and assign licenses. { $partner } can also become the designated support contact of your subscriptions. You can remove the privileges at any time under Admin, Partner relationships.
invitation-no-delegated = The request does not include delegated admin privileges: { $partner } cannot manage your organization's services.
invitation-accept = Accept
invitation-decline = Decline
invitation-accepted-title = Invitation accepted
invitation-declined-title = Invitation declined
invitation-accepted-partnership = Your organization is now an indirect reseller of { $partner }.
invitation-accepted-customer = { $partner } now has a relationship with your organization.
invitation-accepted-unchanged = The relationship with { $partner } already was as the invitation asked. Nothing was changed.
invitation-declined-text = You declined the request from { $partner }. Nothing was changed.
invitation-continue = Continue
invitation-problem-title = This invitation can't be used
invitation-not-valid = This invitation link is not valid. Check that you copied the whole link, or ask the partner for a new one.
invitation-used = This invitation has already been accepted. Each link works only once; nothing was changed.
invitation-was-declined = This invitation was declined, so it can no longer be used. Ask the partner for a new one.
invitation-expired = This invitation has expired: links are valid for 30 days. Ask the partner for a new one.
invitation-wrong-kind-partnership = This invitation is for an indirect reseller. Sign in with an account of the indirect reseller it was sent to.
invitation-wrong-kind-customer = This invitation is for a customer. Sign in with the account of the customer's Global admin.
invitation-not-yours = This invitation was sent to another organization. Nothing was changed.
invitation-wrong-role-partnership = Only an Admin agent or Global admin of your organization can answer this invitation. Send them the link.
invitation-wrong-role-customer = Only your organization's Global admin can answer this invitation. Send them the link.

## Customer admin: Partner relationships
relationships-title = Partner relationships
relationships-intro = The partners that have a relationship with your organization. A partner with delegated admin privileges can manage your services and can be the designated support contact of your subscriptions.
relationships-empty = No partner has a relationship with your organization.
relationships-col-partner = Partner
relationships-col-since = Since
relationships-col-kind = Type
relationships-remove = Remove relationship
relationships-remove-delegated = Remove delegated admin privileges
relationships-removed = The relationship was removed.
relationships-delegated-removed = The delegated admin privileges were removed.
relationships-remove-title = Remove the relationship
relationships-remove-question = Remove the relationship with { $partner }?
relationships-remove-consequence = { $partner } can no longer manage your services or support your subscriptions. Every subscription for which { $partner } is the designated support contact gets its indirect provider as support contact at once.
relationships-remove-delegated-title = Remove delegated admin privileges
relationships-remove-delegated-question = Remove the delegated admin privileges of { $partner }?
relationships-remove-delegated-consequence = { $partner } keeps its relationship with your organization but can no longer manage your services. Every subscription for which { $partner } is the designated support contact gets its indirect provider as support contact at once.

## Supported subscriptions (resellers)
supported-title = Supported subscriptions
supported-intro = The subscriptions for which your organization is the designated support contact. Their indirect providers manage them; this list is read-only.
supported-empty = Your organization is not the designated support contact of any subscription.
supported-bad-cursor = This page link is not valid (it may have been cut or changed). The list is shown from its first page.

## Audit log
audit-title = Audit log
audit-intro-partner = Every change made by your organization, and every change to its partnerships, customer relationships and designations. Times are in UTC.
audit-intro-customer = Every change that concerns your organization: its partner relationships and the support contacts of its subscriptions. Times are in UTC.
audit-filter-customer-name = Customer name
audit-filter-customer-name-hint = Part of the name is enough, for example “adatum”.
audit-filter-from = From
audit-filter-to = To
audit-filter-apply = Apply filter
audit-download = Download CSV
audit-empty = No changes match.
audit-col-time = Time (UTC)
audit-col-actor = Actor
audit-col-organization = Organization
audit-col-customer = Customer
audit-col-object = Object
audit-col-change = Change
audit-col-old = Old value
audit-col-new = New value
audit-col-event-id = Event ID
audit-col-cause-id = Caused by event ID
audit-system = System (automatic)
audit-caused-by = after: { $change }
audit-error-date = Enter dates as YYYY-MM-DD, for example 2026-11-22.
audit-error-range = The From date must not be after the To date.
audit-error-bulk = That bulk change reference is not valid. Open the log from the bulk change's result page.
audit-bulk-only = Showing only the changes of one bulk change.
audit-show-all = Show all events
audit-error-customer = That customer reference is not valid. Type part of the customer's name instead.
audit-customer-only = Showing only the changes that concern { $customer }.
audit-customer-only-unknown = Showing only the changes that concern one customer.
audit-customer-clear = Show all customers
audit-action-support-contact-changed = Designated support contact changed
audit-action-support-contact-fallback = Designated support contact returned to the indirect provider
audit-action-support-profile-changed = Support profile changed
audit-action-partnership-requested = Partnership requested
audit-action-partnership-accepted = Partnership accepted
audit-action-partnership-declined = Partnership request declined
audit-action-partnership-removed = Partnership removed
audit-action-relationship-requested = Relationship requested
audit-action-relationship-accepted = Relationship accepted
audit-action-relationship-declined = Relationship request declined
audit-action-relationship-removed = Relationship removed
audit-action-delegated-admin-removed = Delegated admin privileges removed
audit-value-none = None
audit-value-pending = Waiting for an answer
audit-value-active = Active
audit-value-removed = Removed
audit-value-declined = Declined
audit-value-with-delegated-admin = With delegated admin privileges
audit-value-without-delegated-admin = Without delegated admin privileges
audit-object-subscription = Subscription
audit-object-support-profile = Support profile
audit-object-partnership = Partnership
audit-object-customer-relationship = Customer relationship
audit-object-invitation = Invitation

## Errors: relationships
error-providers-only = This page is for indirect providers.
error-resellers-only = This page is for indirect resellers.
error-role-admins-only = Only Admin agents and Global admins can do this. Ask one of them.
