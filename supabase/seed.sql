-- A demo company for local development: `supabase db reset` and `salesbot dev` load it.
-- Safe to run again. The demo user has no password: locally, `salesbot token` signs in.
-- The user is written as Supabase Auth writes one: '' in the token columns (Auth fails on null
-- ones), and its email identity beside it.

insert into auth.users (
  instance_id, id, aud, role, email, email_confirmed_at,
  confirmation_token, recovery_token, email_change_token_new, email_change,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
values (
  '00000000-0000-0000-0000-000000000000', 'd0d0d0d0-0000-4000-8000-000000000001',
  'authenticated', 'authenticated', 'demo@salesbot.local', now(), '', '', '', '',
  '{"provider": "email", "providers": ["email"]}', '{"company_name": "Demo Realty"}', now(), now())
on conflict (id) do nothing;

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
values (
  'd0d0d0d0-0000-4000-8000-000000000001', 'd0d0d0d0-0000-4000-8000-000000000001',
  '{"sub": "d0d0d0d0-0000-4000-8000-000000000001", "email": "demo@salesbot.local", "email_verified": true, "phone_verified": false}',
  'email', now(), now(), now())
on conflict (provider_id, provider) do nothing;
update public.bot_settings s set
  description = 'Demo Realty продаёт квартиры в новостройках Казани и Москвы и помогает с ипотекой.',
  offerings = '[
    {"name": "Студия", "description": "Студии 25-30 м² в новостройках", "price": 4500000, "currency": "RUB",
     "keywords": ["студия", "студию", "studio"]},
    {"name": "Двухкомнатная квартира", "description": "Двухкомнатные квартиры 55-65 м²", "price": 9000000, "currency": "RUB",
     "keywords": ["двушка", "двухкомнатная", "двухкомнатную", "2-комнатная", "two-room", "2-bedroom"]},
    {"name": "Помощь с ипотекой", "description": "Оформим ипотеку в банках-партнёрах", "price": null, "currency": null,
     "keywords": ["ипотека", "ипотеку", "mortgage"]}
  ]',
  faq = '[
    {"question": "Где ваш офис?", "answer": "Наш офис: Казань, ул. Баумана 10, в будни с 9:00 до 19:00.",
     "keywords": ["офис", "адрес", "office", "address"]},
    {"question": "Вы работаете с ипотекой?", "answer": "Да, оформляем ипотеку в пяти банках-партнёрах.",
     "keywords": ["ипотека", "ипотеку", "mortgage"]}
  ]',
  greeting = 'Здравствуйте! Я менеджер Demo Realty. Помогу подобрать квартиру.',
  phone_region = 'RU'
where s.owner_id = (select m.owner_id from public.members m where m.user_id = 'd0d0d0d0-0000-4000-8000-000000000001')
  and s.description = '';
