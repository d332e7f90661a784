"""The local stack: embedded Postgres, the Supabase compatibility layer, local accounts and tokens.

None of this is deployed; on Supabase, the platform provides every piece of it.
"""
