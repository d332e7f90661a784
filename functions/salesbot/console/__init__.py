"""The web console for a company's people: inbox, conversations, leads, analytics, channels, team.

Server-rendered HTML that works without JavaScript (`static/console.js` only refreshes and sends in
place), served by the `console` function through the same RPCs and RLS as every other caller.
`app` holds the web layer, `pages` the routes, `session` and `signin` how members sign in.
"""
