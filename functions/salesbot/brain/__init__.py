"""The two brains behind one interface: an OpenAI-compatible LLM and the offline engine."""
