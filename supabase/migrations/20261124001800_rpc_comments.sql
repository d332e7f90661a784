-- What PostgREST's OpenAPI output says about each dashboard RPC (`POST /rpc/<name>`): it shows a
-- function's comment as the operation's summary (first line) and description (the rest).

comment on function public.change_lead_status(uuid, public.lead_status, text) is
$$Move a lead to another status (manager and above).
Allowed: new -> contacted, qualified, lost; contacted -> qualified, lost, new; qualified -> won, lost, contacted; lost -> new. Any other is a 409. The change, its author, its time and p_note go to lead_status_history. Returns the lead.$$;

comment on function public.assign_lead(uuid, uuid) is
$$Assign a lead to a member of its company, or unassign it with p_user_id null (manager and above).
Anyone who is not a member of the lead's company is a 400. Returns the lead with assigned_to.$$;

comment on function public.add_lead_note(uuid, text) is
$$Add a note to a lead (manager and above).
The note (1-4000 characters, trimmed) is stored in lead_notes with its author. Returns the note.$$;

comment on function public.take_over_conversation(uuid) is
$$Hand a conversation over to a human (manager and above).
Its messages are still stored, and the bot stays silent until release_conversation.$$;

comment on function public.release_conversation(uuid) is
$$Give a handed-over conversation back to the bot (manager and above).$$;

comment on function public.search(text, integer) is
$$Full-text search over the caller's leads and messages, Russian and English at once (viewer and above).
p_query takes web-search syntax ("quoted phrase", or, -word); the newest p_limit (1-100) matches of each kind come back as {"leads": [...], "messages": [...]}.$$;

comment on function public.export_leads(public.lead_status, timestamptz, timestamptz, text, timestamptz, uuid, integer) is
$$One page of the caller's leads, oldest first (viewer and above).
Filters: p_status, p_from <= created_at < p_to, p_query (as search). The next page starts after the last row's created_at and id (p_after_created_at, p_after_id); p_limit is 1-5000. The leads_export function streams every page as CSV.$$;

comment on function public.invite_member(text, public.member_role) is
$$Invite someone to the caller's company with a role (owner only).
A user with that email joins at once ({"status": "joined"}); anyone else joins when they sign up with it ({"status": "invited"}).$$;

comment on function public.change_member_role(uuid, public.member_role) is
$$Change a member's role in the caller's company (owner only). Demoting the last owner is a 409.$$;

comment on function public.remove_member(uuid) is
$$Remove a member from the caller's company (owner only). Removing the last owner is a 409.$$;
