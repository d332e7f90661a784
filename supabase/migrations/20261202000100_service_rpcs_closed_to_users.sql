-- channel_credentials and company_bot read bot tokens and webhook secrets for the webhooks, as the
-- service. They were closed to anon but left executable by signed-in users, who then met only a
-- permission error on channel_secrets; closed outright now, so no future change to that table's
-- grants can expose a secret through them.

revoke execute on function public.channel_credentials, public.company_bot from authenticated;
