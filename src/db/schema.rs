//! The one schema for every backend. Only portable SQL types are used (Text, Integer, Bool,
//! Timestamp), so the same query code compiles for SQLite and PostgreSQL.

diesel::table! {
    organizations (id) {
        id -> Text,
        kind -> Text,
        name -> Text,
        search_name -> Text,
        partner_id -> Nullable<Text>,
        tenant_id -> Text,
        support_email -> Nullable<Text>,
        support_phone -> Nullable<Text>,
        support_website -> Nullable<Text>,
        created_at -> Timestamp,
        domain -> Nullable<Text>,
        country -> Nullable<Text>,
        mfa_required -> Bool,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        organization_id -> Text,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        created_at -> Timestamp,
        state -> Text,
        mfa_secret -> Nullable<Text>,
        mfa_enrolled_at -> Nullable<Timestamp>,
        mfa_last_step -> Nullable<Integer>,
    }
}

diesel::table! {
    mfa_recovery_codes (id) {
        id -> Text,
        user_id -> Text,
        code_hash -> Text,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    password_links (id) {
        id -> Text,
        user_id -> Text,
        token_hash -> Text,
        purpose -> Text,
        status -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_by -> Nullable<Text>,
    }
}

diesel::table! {
    user_sessions (id) {
        id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        last_seen_at -> Timestamp,
        user_agent -> Text,
        client_address -> Text,
    }
}

diesel::table! {
    sign_in_failures (scope, subject) {
        scope -> Text,
        subject -> Text,
        window_start -> Timestamp,
        failures -> Integer,
    }
}

diesel::table! {
    partnerships (id) {
        id -> Text,
        provider_id -> Text,
        reseller_id -> Text,
        status -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    customer_relationships (id) {
        id -> Text,
        partner_id -> Text,
        customer_id -> Text,
        delegated_admin -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    subscriptions (id) {
        id -> Text,
        customer_id -> Text,
        provider_id -> Text,
        product_name -> Text,
        quantity -> Integer,
        status -> Text,
        commerce_type -> Text,
        support_contact_id -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        start_date -> Date,
        external_id -> Nullable<Text>,
        /// The customer's name, kept by triggers (see the migration
        /// 2026-12-06-000020_supported_subscriptions): the order of the Supported subscriptions
        /// page, read from the support contact's index.
        customer_name -> Text,
    }
}

diesel::table! {
    imports (id) {
        id -> Text,
        organization_id -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        file_name -> Text,
        content -> Text,
        applied_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        occurred_at -> Timestamp,
        organization_id -> Text,
        actor_user_id -> Nullable<Text>,
        actor_name -> Text,
        customer_id -> Nullable<Text>,
        object_kind -> Text,
        object_id -> Text,
        object_label -> Text,
        action -> Text,
        old_value -> Nullable<Text>,
        new_value -> Nullable<Text>,
        cause_event_id -> Nullable<Text>,
        related_organization_id -> Nullable<Text>,
        bulk_change_id -> Nullable<Text>,
        actor_api_client_id -> Nullable<Text>,
    }
}

diesel::table! {
    api_clients (id) {
        id -> Text,
        organization_id -> Text,
        name -> Text,
        role -> Text,
        secret_hash -> Text,
        created_at -> Timestamp,
        created_by -> Nullable<Text>,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        rate_window_start -> Nullable<Timestamp>,
        rate_window_count -> Integer,
    }
}

diesel::table! {
    api_tokens (token_hash) {
        token_hash -> Text,
        client_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    invitations (id) {
        id -> Text,
        kind -> Text,
        token_hash -> Text,
        inviting_organization_id -> Text,
        target_organization_id -> Nullable<Text>,
        delegated_admin -> Bool,
        status -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        used_by -> Nullable<Text>,
        created_by -> Text,
    }
}

diesel::joinable!(users -> organizations (organization_id));
diesel::joinable!(user_sessions -> users (user_id));
diesel::joinable!(password_links -> users (user_id));
diesel::joinable!(mfa_recovery_codes -> users (user_id));
diesel::joinable!(api_clients -> organizations (organization_id));
diesel::joinable!(api_tokens -> api_clients (client_id));

diesel::allow_tables_to_appear_in_same_query!(
    organizations,
    users,
    user_sessions,
    partnerships,
    customer_relationships,
    subscriptions,
    audit_events,
    invitations,
    password_links,
    imports,
    sign_in_failures,
    mfa_recovery_codes,
    api_clients,
    api_tokens,
);
