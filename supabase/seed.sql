-- A demo company for local development: `supabase db reset` and `salesbot dev` load it.
-- Safe to run again. The demo user has no password: locally, `salesbot token` signs in.

insert into auth.users (
  instance_id, id, aud, role, email, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
values (
  '00000000-0000-0000-0000-000000000000', 'd0d0d0d0-0000-4000-8000-000000000001',
  'authenticated', 'authenticated', 'demo@salesbot.local', now(),
  '{"provider": "email", "providers": ["email"]}', '{"company_name": "Demo Realty"}', now(), now())
on conflict (id) do nothing;

update public.bot_settings s set
  description = 'Demo Realty sells new-build flats in Kazan and Moscow and helps with mortgages.',
  offerings = '[
    {"name": "Studio", "description": "Studios of 25-30 m² in new buildings", "price": 4500000, "currency": "RUB",
     "keywords": ["студия", "студию", "studio"]},
    {"name": "Two-room flat", "description": "Two-room flats of 55-65 m²", "price": 9000000, "currency": "RUB",
     "keywords": ["двушка", "двухкомнатная", "двухкомнатную", "2-комнатная", "two-room", "2-bedroom"]},
    {"name": "Mortgage help", "description": "We arrange a mortgage with partner banks", "price": null, "currency": null,
     "keywords": ["ипотека", "ипотеку", "mortgage"]}
  ]',
  faq = '[
    {"question": "Where is your office?", "answer": "Our office is at Baumana 10, Kazan; we work 9:00-19:00 on weekdays.",
     "keywords": ["офис", "адрес", "office", "address"]},
    {"question": "Do you work with mortgages?", "answer": "Yes: we arrange mortgages with five partner banks.",
     "keywords": ["ипотека", "ипотеку", "mortgage"]}
  ]',
  greeting = 'Здравствуйте! Я менеджер Demo Realty. Помогу подобрать квартиру.',
  phone_region = 'RU'
where s.owner_id = (select m.owner_id from public.members m where m.user_id = 'd0d0d0d0-0000-4000-8000-000000000001')
  and s.description = '';
