"""Plans, usage and payments.

The plans, the metering and the limits live in Postgres (`supabase/migrations/*_plans_usage_billing.sql`):
the chat pipeline only reads what the plan allows and hands the RPCs what a reply cost. Here are the
payments: a checkout for a plan or the customer portal, opened for a company's owner at its payment
provider (`sessions`), and a provider's signed webhooks turned into neutral events the database
applies once each, in the provider's order (`webhooks`). Each provider is one module behind
`providers.PaymentProvider`; importing this package loads none of them.
"""
