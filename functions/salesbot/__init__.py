"""Salesbot: an AI sales manager for companies that sell through chat."""
