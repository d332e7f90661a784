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
update public.bot_settings s set document = $${
  "description": "Demo Realty продаёт квартиры в новостройках Казани и Москвы и помогает с ипотекой.",
  "internal_notes": "Скидку не обещать: о ней говорит только руководитель.",
  "persona": {"name": "Анна", "gender": "female", "formal": true, "languages": ["ru", "auto"],
              "greeting": "Здравствуйте! Я менеджер Demo Realty. Помогу подобрать квартиру."},
  "hours": {"time_zone": "Europe/Moscow", "mon": "09:00-19:00", "tue": "09:00-19:00", "wed": "09:00-19:00",
            "thu": "09:00-19:00", "fri": "09:00-19:00", "sat": "10:00-16:00"},
  "contacts": {"phone": "+78432000000", "address": "Казань, ул. Баумана, 10"},
  "offerings": [
    {"name": "Студия", "description": "Студии 25-30 м² в новостройках",
     "price": {"kind": "exact", "amount": 4500000, "currency": "RUB"}, "synonyms": ["студия", "студию", "studio"]},
    {"name": "Двухкомнатная квартира", "description": "Двухкомнатные квартиры 55-65 м²",
     "price": {"kind": "exact", "amount": 9000000, "currency": "RUB"},
     "synonyms": ["двушка", "двухкомнатная", "2-комнатная", "two-room", "2-bedroom"]},
    {"name": "Помощь с ипотекой", "description": "Оформим ипотеку в банках-партнёрах",
     "price": {"kind": "free"}, "synonyms": ["ипотека", "mortgage"]}
  ],
  "not_offered": ["аренда квартир", "коммерческая недвижимость"],
  "faq": [
    {"id": "office", "question": "Где ваш офис?", "answer": "Наш офис: Казань, ул. Баумана 10, в будни с 9:00 до 19:00.",
     "phrases": ["где офис", "адрес", "office address"]},
    {"id": "mortgage_banks", "question": "С какими банками работаете по ипотеке?",
     "answer": "Оформляем ипотеку в пяти банках-партнёрах.", "phrases": ["какие банки", "which banks"]}
  ],
  "phone_region": "RU"
}$$
where s.owner_id = (select m.owner_id from public.members m where m.user_id = 'd0d0d0d0-0000-4000-8000-000000000001')
  and s.document = '{}';

-- On the Pro plan, so that trying the bot locally (or replaying a set of conversations through the
-- test chat) meets no free-plan limit; `salesbot signup` companies start on the free plan as anywhere.
update public.subscriptions s set plan_id = 'pro'
where s.owner_id = (select m.owner_id from public.members m where m.user_id = 'd0d0d0d0-0000-4000-8000-000000000001')
  and s.plan_id = 'free' and s.provider is null;
