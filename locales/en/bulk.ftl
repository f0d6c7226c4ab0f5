# Bulk changes of designated support contacts (Customers → Bulk change).
customers-bulk-change = Change designated support contacts in bulk
bulk-title = Bulk change of designated support contacts
bulk-intro = Choose subscriptions of your customers and a new designated support contact. You review every change before it is made; a subscription keeps its contact where the new one is not allowed.
bulk-replace-title = Replace a reseller everywhere it is allowed
bulk-replace-hint = Chooses every subscription whose designated support contact is the first organization, and reviews changing each to the second wherever that one is an available support contact.
bulk-replace-from = Replace this support contact
bulk-replace-to = with
bulk-choose-title = Choose subscriptions
bulk-filter-all = All
bulk-filter-contact = Current designated support contact
bulk-filter-apply = Filter
bulk-customer-hint = You have more customers than this list can show. To choose one, open it on the Customers page and follow “Change designated support contacts in bulk” there.
bulk-customer-hint-link = Go to Customers
bulk-empty = None of your subscriptions match.
bulk-truncated = Only the first { $max } matching subscriptions are listed. Narrow the filter to reach the others.
bulk-select-all = Select all listed subscriptions
bulk-list-caption = Subscriptions to choose from
bulk-col-choose = Choose
bulk-new-contact = New designated support contact
bulk-new-contact-hint = Your organization, or an indirect reseller you have an active partnership with. It is checked for each subscription's customer in the review.
bulk-review = Review changes
bulk-review-title = Review the bulk change
bulk-result-title = Bulk change made
bulk-contact-unknown = Not an organization you can choose
bulk-would-change-count =
    { $count ->
        [one] One subscription would change.
       *[other] { $count } subscriptions would change.
    }
bulk-changed-count =
    { $count ->
        [one] One subscription changed.
       *[other] { $count } subscriptions changed.
    }
bulk-refused-count =
    { $count ->
        [0] Every chosen subscription can change.
        [one] One keeps its designated support contact.
       *[other] { $count } keep their designated support contact.
    }
bulk-would-change-title = Would change
bulk-changed-title = Changed
bulk-cannot-change-title = Cannot change
bulk-not-changed-title = Not changed
bulk-no-changes = No chosen subscription can change to this contact.
bulk-col-from = Previous support contact
bulk-col-to = New support contact
bulk-col-reason = Reason
bulk-not-found-count =
    { $count ->
        [one] One chosen subscription is not one of yours and was left alone.
       *[other] { $count } chosen subscriptions are not yours and were left alone.
    }
bulk-replace-more = More subscriptions have this support contact than one bulk change takes: this review covers the first { $max }. After you apply it, you can review the next ones.
bulk-replace-rest = More subscriptions have the replaced support contact. The next review covers up to { $max } of them.
bulk-replace-next = Review the next ones
bulk-in-audit-log = See these changes in the audit log
bulk-apply = Apply changes
bulk-again = Another bulk change
bulk-reason-not-found = Not one of your subscriptions.
bulk-reason-stale = Someone else changed it after you chose it; it was not changed.
bulk-reason-new-commerce = New commerce: no designated support contact.
bulk-reason-cancelled = Cancelled: its contact can no longer change.
bulk-reason-not-available = Not an available support contact for this customer (needs an active partnership with you and a relationship with delegated admin privileges with the customer).
bulk-reason-already-contact = Already its designated support contact.
bulk-error-no-contact = Choose the new designated support contact.
bulk-error-none-chosen = Choose at least one subscription.
bulk-error-too-many = Too many subscriptions for one bulk change. Narrow the filter.
audit-action-support-contact-bulk-changed = Designated support contact changed (bulk change)
