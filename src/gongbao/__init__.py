"""gongbao: Chinese government gazettes as a living legal and administrative knowledge base."""

__version__ = "0.1.0"
