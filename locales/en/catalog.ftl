# Customers and subscriptions of a real partner: Add customer, subscriptions and their life,
# ending a relationship, withdrawing invitations, CSV import and export.

customers-add = Add customer
customers-add-intro = The customer, your relationship with it (with delegated admin privileges) and its first Global admin are created together. You get a link to send to that admin.
customers-add-company = Company
customers-add-admin = The customer's first Global admin
customers-field-name = Company name
customers-field-domain = Primary domain
customers-field-country = Country or region (two-letter code, such as US, TW or JP)
customers-added-title = Customer added
customers-added-intro = { $customer } was added, with your relationship including delegated admin privileges. Send the link below to the customer's Global admin.
customers-added-message = Hello { $name },

    { $partner } set up { $customer } in support-contacts, where you can see who gives technical support for each of your subscriptions (Admin, then Support).

    Set your password with this link before { $date }. The link works once:
    { $link }

    Then sign in with your email address, { $email }.
customers-go-to = Go to { $customer }
validation-domain-taken = Another organization has this domain already.
validation-country-required = Enter a country or region.
validation-country-invalid = Enter a two-letter ISO 3166 code, such as US, TW or JP.
relationship-ended = Your relationship with the customer was removed.

subscriptions-add = Add subscription
subscriptions-add-intro = A new subscription for { $customer }. A legacy subscription's designated support contact starts as your organization; new-commerce subscriptions have none.
subscriptions-commerce-hint = Legacy (license-based) subscriptions have a designated support contact; new-commerce subscriptions do not.
subscription-added = The subscription was added.
subscription-start-date = Start date
subscription-external-id = External ID (in your billing system, optional)
subscription-manage-title = Quantity and status
subscription-save-quantity = Save quantity
subscription-suspend = Suspend
subscription-reactivate = Reactivate
subscription-cancel = Cancel subscription
subscription-cancel-title = Cancel subscription
subscription-cancel-question = Cancel { $product }?
subscription-cancel-consequence = A cancelled subscription cannot be reactivated, and its designated support contact can no longer change.
subscription-saved = The subscription was changed.
subscription-error-cancelled = This subscription is cancelled; it can no longer change.
subscription-error-already-active = This subscription is active already.
subscription-error-already-suspended = This subscription is suspended already.
error-subscription-cancelled = This subscription is cancelled, so its designated support contact can no longer change. Nothing was changed.
contact-cancelled-note = This subscription is cancelled, so its designated support contact can no longer change.
validation-product-required = Enter the product name.
validation-quantity-required = Enter a quantity.
validation-quantity-invalid = Enter a whole number from 1 to 1,000,000.
validation-commerce-type-required = Choose legacy or new commerce.
validation-commerce-type-invalid = Choose legacy or new commerce.
validation-start-date-required = Enter the start date.
validation-start-date-invalid = Enter a date as YYYY-MM-DD.
validation-external-id-invalid = Use up to 100 characters and no control characters.
validation-external-id-taken = Another of your subscriptions has this external ID.
customer-supported-title = Subscriptions your organization supports
end-relationship-link = Remove your relationship with this customer
end-relationship-question = Remove your organization's relationship with { $customer }?
end-relationship-consequence = You no longer appear among { $customer }'s available support contacts. Every subscription that has your organization as its designated support contact and may no longer have it goes back to its indirect provider.

invitation-withdraw = Withdraw
invitation-withdrawn-done = The request was withdrawn; its link no longer works.
invitation-was-withdrawn = The organization that sent this request withdrew it. Ask them for a new one if you still need it.
relationship-requests-pending = Requests not answered yet
relationship-requests-any-customer = Any customer who accepts
audit-value-withdrawn = Withdrawn

import-title = Import customers and subscriptions
import-intro = Upload a CSV file (UTF-8, comma or semicolon separated) with one subscription per line. You see what would change before anything is saved; nothing changes while any line is refused.
import-file = CSV file
import-file-hint = Up to 10 MiB and 100,000 lines. The first line names the columns.
import-preview = Preview
import-columns-title = Columns
import-template = Download a template
import-column-customer_name = The customer's company name.
import-column-customer_domain = The customer's primary domain; it identifies the customer.
import-column-country = Country or region, as a two-letter ISO 3166 code.
import-column-external_subscription_id = The subscription's ID in your billing system; it identifies the subscription.
import-column-product = The product name.
import-column-quantity = Number of licenses, 1 to 1,000,000.
import-column-commerce_type = legacy or new_commerce.
import-column-status = active, suspended or cancelled.
import-column-reseller_partner_id = Optional: the partner ID of the indirect reseller that is the designated support contact. Empty: your organization.
import-preview-title = Import preview
import-applied-title = Import done
import-file-name = File: { $name }
import-ready = Nothing was saved yet. Check the numbers, then apply the import.
import-has-refused = Some lines are refused. Nothing will be imported until the file is corrected.
import-refused-at-apply = The data changed since the preview and some lines are now refused. Nothing was imported.
import-applied = The import was applied.
import-counts-caption = What the import does
import-col-what = Records
import-col-created = Created
import-col-updated = Updated
import-col-unchanged = Unchanged
import-refused-title = Refused lines
import-reported-title = Lines imported with a note
import-col-line = Line
import-col-reason = Reason
import-col-value = Value
import-line = Line { $line }
import-apply = Apply import
import-again = Import another file
import-error-too-large = The file is larger than 10 MiB. Split it and import the parts.
import-error-too-many-rows = The file has more than 100,000 lines. Split it and import the parts.
import-error-not-utf8 = The file is not UTF-8 text. Save it as CSV UTF-8 and try again.
import-error-empty = The file is empty.
import-error-no-file = Choose a CSV file to upload.
import-error-columns = The first line lacks these columns: { $columns }.
import-error-applied = This import was applied already.
import-row-unreadable = This line cannot be read as CSV (check the quotes).
import-row-customer-name = The customer name is missing or too long.
import-row-domain = The domain is not valid.
import-row-country = The country is not a two-letter ISO 3166 code.
import-row-external-id = The external subscription ID is missing or too long.
import-row-product = The product name is missing or too long.
import-row-quantity = The quantity is not a whole number from 1 to 1,000,000.
import-row-commerce-type = The commerce type must be legacy or new_commerce.
import-row-status = The status must be active, suspended or cancelled.
import-row-new-commerce-contact = A new-commerce subscription has no designated support contact; leave the reseller empty.
import-row-duplicate-external-id = This external ID is on an earlier line too.
import-row-customer-differs = An earlier line gives this domain another customer name or country.
import-row-domain-taken = This domain belongs to an organization you have no relationship with.
import-row-reseller-unknown = No indirect reseller has this partner ID.
import-row-reseller-not-eligible = This reseller is not an available support contact for the customer; your organization stays the designated support contact.
import-row-external-id-other-customer = This external ID belongs to a subscription of another customer.
import-row-commerce-type-fixed = A subscription's commerce type cannot change.
import-row-cancelled = A cancelled subscription cannot become active or suspended again.
export-csv = Export (CSV)

audit-object-import = Import
audit-action-customer-added = Customer added
audit-action-subscription-added = Subscription added
audit-action-quantity-changed = Quantity changed
audit-action-subscription-suspended = Subscription suspended
audit-action-subscription-reactivated = Subscription reactivated
audit-action-subscription-cancelled = Subscription cancelled
audit-action-subscription-imported = Subscription changed by an import
audit-action-customer-updated = Customer changed by an import
audit-action-import-applied = Import applied
audit-action-invitation-withdrawn = Request withdrawn
review-closed = The designated support contact of { $product } is now { $contact }.
audit-newer = Newer changes
audit-older = Older changes
