"""Request bodies of every sandbox endpoint, from the OpenAPI request schemas (2020-09-14)."""

from __future__ import annotations

from assets_desktop.sandbox.validation import ANY, Field, array, boolean, integer, obj, string

PRODUCTS = {
    "assets", "auth", "balance", "balance_plus", "beacon", "identity", "identity_match",
    "investments", "investments_auth", "liabilities", "payment_initiation",
    "identity_verification", "transactions", "credit_details", "income", "income_verification",
    "standing_orders", "transfer", "employment", "recurring_transactions",
    "transactions_refresh", "signal", "statements", "processor_payments", "processor_identity",
    "profile", "cra_base_report", "cra_income_insights", "cra_partner_insights",
    "cra_network_insights", "cra_cashflow_insights", "cra_monitoring", "cra_lend_score",
    "cra_plaid_credit_score", "layer", "pay_by_bank", "protect_linked_bank",
    "protect_transactions",
}  # fmt: skip
COUNTRY_CODES = {
    "US", "GB", "ES", "NL", "FR", "IE", "CA", "DE", "IT", "PL", "DK", "NO", "SE", "EE", "LT",
    "LV", "PT", "BE", "AT", "FI",
}  # fmt: skip
WEBHOOK_CODES = {
    "DEFAULT_UPDATE", "NEW_ACCOUNTS_AVAILABLE", "SMS_MICRODEPOSITS_VERIFICATION",
    "AUTHORIZATION_GRANTED", "USER_PERMISSION_REVOKED", "USER_ACCOUNT_REVOKED",
    "PENDING_DISCONNECT", "RECURRING_TRANSACTIONS_UPDATE", "LOGIN_REPAIRED",
    "SYNC_UPDATES_AVAILABLE", "PRODUCT_READY", "ERROR",
}  # fmt: skip
WEBHOOK_TYPES = {
    "AUTH", "HOLDINGS", "INVESTMENTS_TRANSACTIONS", "ITEM", "LIABILITIES", "TRANSACTIONS",
    "ASSETS",
}  # fmt: skip
REMOVE_REASONS = {
    "FRAUD_FIRST_PARTY", "FRAUD_FALSE_IDENTITY", "FRAUD_ABUSE", "FRAUD_OTHER",
    "CONNECTION_IS_NON_FUNCTIONAL", "OTHER",
}  # fmt: skip

_DAYS_TO_INCLUDE = obj({"days_to_include": integer(0, 731, nullable=True)})
_USER = obj(
    {
        name: string(nullable=True)
        for name in (
            "client_user_id", "first_name", "middle_name", "last_name", "ssn", "phone_number",
            "email",
        )
    },
    open=True,
)  # fmt: skip
_REPORT_TOKEN = {"asset_report_token": string(required=True)}
_AUDIT_TOKEN = {"audit_copy_token": string(required=True)}
_ACCESS_TOKEN = {"access_token": string(required=True)}
_RELAY = {
    "relay_token": string(required=True),
    "report_type": string(required=True, enum={"asset"}),
}

# Link token fields the sandbox does not act on but accepts, as Plaid does.
_LINK_PASSTHROUGH = (
    "required_if_supported_products", "optional_products", "additional_consented_products",
    "access_tokens", "link_customization_name", "appearance_mode", "android_package_name",
    "institution_data", "card_switch", "account_filters", "eu_config", "institution_id",
    "payment_configuration", "payment_initiation", "employment", "income_verification",
    "base_report", "credit_partner_insights", "cra_options",
    "consumer_report_permissible_purpose", "auth", "transfer", "update",
    "identity_verification", "statements", "third_party_user_token", "investments",
    "investments_auth", "transactions", "cashflow_report", "cra_enabled", "identity",
    "financekit_supported", "enable_multi_item_link", "user_token",
)  # fmt: skip

ENDPOINT_FIELDS: dict[str, dict[str, Field]] = {
    "/sandbox/public_token/create": {
        "institution_id": string(required=True),
        "initial_products": array(string(enum=PRODUCTS), required=True, lo=1),
        "options": obj(
            {
                "webhook": string(),
                "override_username": string(nullable=True),
                "override_password": string(nullable=True),
                "transactions": obj(
                    {
                        "start_date": string(),
                        "end_date": string(),
                        "days_requested": integer(1, 730),
                    },
                    nullable=True,
                ),
                "statements": obj(nullable=True),
                "income_verification": obj(nullable=True),
            }
        ),
        "user_token": string(),
        "user_id": string(),
    },
    "/item/public_token/exchange": {"public_token": string(required=True)},
    "/item/get": dict(_ACCESS_TOKEN),
    "/item/remove": {
        **_ACCESS_TOKEN,
        "reason_code": string(nullable=True, enum=REMOVE_REASONS),
        "reason_note": string(nullable=True),
    },
    "/institutions/get_by_id": {
        "institution_id": string(required=True, min_length=1),
        "country_codes": array(string(enum=COUNTRY_CODES), required=True),
        "options": obj(
            {
                "include_optional_metadata": boolean(),
                "include_status": boolean(),
                "include_auth_metadata": boolean(),
                "include_payment_initiation_metadata": boolean(),
            }
        ),
    },
    "/accounts/get": {**_ACCESS_TOKEN, "options": obj({"account_ids": array(string())})},
    "/link/token/create": {
        "client_name": string(required=True),
        "language": string(required=True),
        "country_codes": array(string(enum=COUNTRY_CODES), required=True, lo=1),
        "user": obj({"client_user_id": string(required=True)}, open=True),
        "user_id": string(),
        "products": array(string(enum=PRODUCTS), nullable=True),
        "webhook": string(),
        "access_token": string(nullable=True),
        "redirect_uri": string(nullable=True),
        "hosted_link": obj(
            {
                "delivery_method": string(enum={"sms", "email"}),
                "completion_redirect_uri": string(),
                "url_lifetime_seconds": integer(1, 21 * 24 * 3600),
                "is_mobile_app": boolean(),
            },
            open=True,
        ),
        **dict.fromkeys(_LINK_PASSTHROUGH, ANY),
    },
    "/link/token/get": {"link_token": string(required=True)},
    "/asset_report/create": {
        "access_tokens": array(string(), required=True, lo=1, hi=99),
        "days_requested": integer(0, 731, required=True),
        "options": obj(
            {
                "client_report_id": string(nullable=True),
                "webhook": string(nullable=True),
                "include_fast_report": boolean(nullable=True),
                "products": array(string()),
                "add_ons": array(string(enum={"investments", "fast_assets"})),
                "user": _USER,
                "require_all_items": boolean(nullable=True),
            }
        ),
    },
    "/asset_report/get": {
        **_REPORT_TOKEN,
        "include_insights": boolean(),
        "fast_report": boolean(),
        "options": _DAYS_TO_INCLUDE,
    },
    "/asset_report/pdf/get": {**_REPORT_TOKEN, "options": _DAYS_TO_INCLUDE},
    "/asset_report/refresh": {
        **_REPORT_TOKEN,
        "days_requested": integer(0, 731, nullable=True),
        "options": obj(
            {
                "client_report_id": string(nullable=True),
                "webhook": string(nullable=True),
                "user": _USER,
            }
        ),
    },
    "/asset_report/filter": {
        **_REPORT_TOKEN,
        "account_ids_to_exclude": array(string(), required=True),
    },
    "/asset_report/remove": dict(_REPORT_TOKEN),
    "/asset_report/audit_copy/create": {**_REPORT_TOKEN, "auditor_id": string()},
    "/asset_report/audit_copy/get": dict(_AUDIT_TOKEN),
    "/asset_report/audit_copy/pdf/get": {**_AUDIT_TOKEN, "options": _DAYS_TO_INCLUDE},
    "/asset_report/audit_copy/remove": dict(_AUDIT_TOKEN),
    "/credit/audit_copy_token/create": {"report_tokens": array(string(), required=True)},
    "/credit/audit_copy_token/update": {
        **_AUDIT_TOKEN,
        "report_tokens": array(string(), required=True),
    },
    "/credit/audit_copy_token/remove": dict(_AUDIT_TOKEN),
    "/webhook_verification_key/get": {"key_id": string(required=True)},
    "/credit/relay/create": {
        "report_tokens": array(string(), required=True),
        "secondary_client_id": string(required=True),
        "webhook": string(nullable=True),
    },
    "/credit/relay/get": {**_RELAY, "include_insights": boolean()},
    "/credit/relay/pdf/get": dict(_RELAY),
    "/credit/relay/refresh": {**_RELAY, "webhook": string(nullable=True)},
    "/credit/relay/remove": {"relay_token": string(required=True)},
    "/beta/webhook_events/list": {
        "cursor": string(),
        "start_time": string(nullable=True),
        "count": integer(1, 100, nullable=True),
        "webhook_types": array(string()),
        "webhook_codes": array(string()),
        "item_ids": array(string()),
        "delivery_statuses": array(string(enum={"PENDING", "DELIVERED", "FAILED"})),
    },
    "/sandbox/item/reset_login": dict(_ACCESS_TOKEN),
    "/sandbox/item/fire_webhook": {
        **_ACCESS_TOKEN,
        "webhook_type": string(enum=WEBHOOK_TYPES),
        "webhook_code": string(required=True, enum=WEBHOOK_CODES),
    },
}
