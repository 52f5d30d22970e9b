"""Kinds of transaction the sandbox generates: bank descriptions plus their Insights enrichment.

A `Kind` is what a bank would print (`original_description`) and what Plaid's enrichment adds
with `include_insights=true` (legacy category and id, credit category, merchant, location,
payment meta). Amounts are integer cents; `low`..`high` is the range a random draw uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Place:
    """Where a card purchase happened (Insights `location`)."""

    address: str | None
    city: str
    region: str
    postal_code: str
    lat: float | None = None
    lon: float | None = None
    store_number: str | None = None


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of transaction; `inflow` kinds are money in (negative Plaid amounts)."""

    description: str
    name: str
    merchant_name: str | None
    category: tuple[str, ...]
    category_id: str
    credit_category: tuple[str, str]
    transaction_type: str
    low: int = 0
    high: int = 0
    inflow: bool = False
    place: Place | None = None
    payment_method: str | None = None
    payer: str | None = None
    payee: str | None = None
    insights_cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def insights(self) -> dict[str, Any]:
        """The enrichment fields added by `include_insights=true` (shared, do not mutate)."""
        if not self.insights_cache:
            place = self.place
            self.insights_cache.update(
                {
                    "category": list(self.category),
                    "category_id": self.category_id,
                    "name": self.name,
                    "merchant_name": self.merchant_name,
                    "credit_category": {
                        "primary": self.credit_category[0],
                        "detailed": self.credit_category[1],
                    },
                    "transaction_type": self.transaction_type,
                    "location": {
                        "address": place.address if place else None,
                        "city": place.city if place else None,
                        "region": place.region if place else None,
                        "postal_code": place.postal_code if place else None,
                        "country": "US" if place else None,
                        "lat": place.lat if place else None,
                        "lon": place.lon if place else None,
                        "store_number": place.store_number if place else None,
                    },
                    "payment_meta": {
                        "reference_number": None,
                        "ppd_id": None,
                        "payee": self.payee,
                        "by_order_of": None,
                        "payer": self.payer,
                        "payment_method": self.payment_method,
                        "payment_processor": None,
                        "reason": None,
                    },
                }
            )
        return self.insights_cache


SF = Place("1 Market St", "San Francisco", "CA", "94105", 37.7941, -122.3952)
NYC = Place(None, "New York", "NY", "10001", 40.7506, -73.9972)
BKLYN = Place("445 Albee Sq W", "Brooklyn", "NY", "11201", 40.6907, -73.9836, "1183")
MALAKOFF = Place(None, "Malakoff", "NY", "14236")


def _food(description: str, name: str, detailed: str, low: int, high: int, **kw: Any) -> Kind:
    sub = {"FAST_FOOD": "Fast Food", "COFFEE": "Coffee Shop", "RESTAURANT": "Restaurants"}[detailed]
    category = ("Food and Drink", "Restaurants") + ((sub,) if sub != "Restaurants" else ())
    cid = {"FAST_FOOD": "13005032", "COFFEE": "13005043", "RESTAURANT": "13005000"}[detailed]
    return Kind(
        description,
        name,
        name,
        category,
        cid,
        ("FOOD_AND_DRINK", f"FOOD_AND_DRINK_{detailed}"),
        "place",
        low,
        high,
        **kw,
    )


PRIMARY_CREDIT_CATEGORIES = (
    "FOOD_AND_DRINK",
    "GENERAL_MERCHANDISE",
    "PERSONAL_CARE",
    "GENERAL_SERVICES",
    "TRANSPORTATION",
    "MEDICAL",
    "ENTERTAINMENT",
    "RENT_AND_UTILITIES",
    "TRAVEL",
)


def _shop(
    description: str,
    name: str,
    category: tuple[str, ...],
    cid: str,
    detailed: str,
    low: int,
    high: int,
    kind: str = "place",
    place: Place | None = None,
) -> Kind:
    primary = next(p for p in PRIMARY_CREDIT_CATEGORIES if detailed.startswith(p + "_"))
    return Kind(
        description, name, name, category, cid, (primary, detailed), kind, low, high, place=place
    )


def _transfer(
    description: str,
    name: str,
    category: tuple[str, ...],
    cid: str,
    credit: tuple[str, str],
    *,
    inflow: bool,
    low: int = 0,
    high: int = 0,
    method: str | None = "ACH",
    payer: str | None = None,
    payee: str | None = None,
    kind: str = "special",
    merchant: str | None = None,
) -> Kind:
    return Kind(
        description,
        name,
        merchant,
        category,
        cid,
        credit,
        kind,
        low,
        high,
        inflow,
        payment_method=method,
        payer=payer,
        payee=payee,
    )


# Plaid's well-known sandbox transactions (user_good), with their usual amounts.
UBER = _shop(
    "Uber 072515 SF**POOL**",
    "Uber",
    ("Travel", "Taxi"),
    "22016000",
    "TRANSPORTATION_TAXIS_AND_RIDE_SHARES",
    633,
    633,
    "digital",
    SF,
)
SPARKFUN = _shop(
    "SparkFun",
    "SparkFun",
    ("Shops", "Computers and Electronics"),
    "19013000",
    "GENERAL_MERCHANDISE_ELECTRONICS",
    8940,
    8940,
    "digital",
)
MCDONALDS = _food(
    "McDonalds #3322",
    "McDonald's",
    "FAST_FOOD",
    1200,
    1200,
    place=Place(None, "Malakoff", "NY", "14236", store_number="3322"),
)
STARBUCKS = _food("Starbucks", "Starbucks", "COFFEE", 433, 433)
KFC = _food("KFC", "KFC", "FAST_FOOD", 1150, 2600)
TOUCHSTONE = _shop(
    "Touchstone Climbing",
    "Touchstone Climbing",
    ("Recreation", "Gyms and Fitness Centers"),
    "17018000",
    "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS",
    7850,
    7850,
)
UNITED_REFUND = Kind(
    "United Airlines **** REFUND ****",
    "United Airlines",
    "United Airlines",
    ("Travel", "Airlines and Aviation Services"),
    "22001000",
    ("TRAVEL", "TRAVEL_FLIGHTS"),
    "special",
    50000,
    50000,
    inflow=True,
)
GUSTO = _transfer(
    "ACH Electronic CreditGUSTO PAY 123456",
    "GUSTO PAY",
    ("Transfer", "Payroll"),
    "21009000",
    ("INCOME", "INCOME_WAGES"),
    inflow=True,
    payer="Gusto",
    merchant="Gusto",
)

# Everyday spending.
GROCERY = _shop(
    "WHOLEFDS BKN 10233",
    "Whole Foods Market",
    ("Shops", "Supermarkets and Groceries"),
    "19047000",
    "FOOD_AND_DRINK_GROCERIES",
    2400,
    16800,
    place=BKLYN,
)
TRADER_JOES = _shop(
    "TRADER JOE'S #558",
    "Trader Joe's",
    ("Shops", "Supermarkets and Groceries"),
    "19047000",
    "FOOD_AND_DRINK_GROCERIES",
    1800,
    9400,
    place=NYC,
)
SHELL = _shop(
    "SHELL OIL 57444288",
    "Shell",
    ("Travel", "Gas Stations"),
    "22009000",
    "TRANSPORTATION_GAS",
    2800,
    6900,
    place=MALAKOFF,
)
AMAZON = _shop(
    "AMAZON MKTPL*2K41R7",
    "Amazon",
    ("Shops", "Digital Purchase"),
    "19019000",
    "GENERAL_MERCHANDISE_ONLINE_MARKETPLACES",
    900,
    14900,
    "digital",
)
TARGET = _shop(
    "TARGET T-1183",
    "Target",
    ("Shops", "Department Stores"),
    "19020000",
    "GENERAL_MERCHANDISE_SUPERSTORES",
    1200,
    12800,
    place=BKLYN,
)
CVS = _shop(
    "CVS/PHARMACY #02211",
    "CVS Pharmacy",
    ("Shops", "Pharmacies"),
    "19043000",
    "MEDICAL_PHARMACIES_AND_SUPPLEMENTS",
    500,
    4800,
    place=NYC,
)
CHIPOTLE = _food("CHIPOTLE 1249", "Chipotle", "FAST_FOOD", 1050, 2400, place=NYC)
BLUE_BOTTLE = _food("BLUE BOTTLE COFFEE", "Blue Bottle Coffee", "COFFEE", 450, 1100, place=NYC)
OLIVE = _food("THE SMITH NOMAD", "The Smith", "RESTAURANT", 4200, 16500, place=NYC)
LYFT = _shop(
    "LYFT *RIDE SUN 4PM",
    "Lyft",
    ("Travel", "Taxi"),
    "22016000",
    "TRANSPORTATION_TAXIS_AND_RIDE_SHARES",
    900,
    3600,
    "digital",
)
NETFLIX = _shop(
    "NETFLIX.COM",
    "Netflix",
    ("Service", "Subscription"),
    "18061000",
    "ENTERTAINMENT_TV_AND_MOVIES",
    1549,
    1549,
    "digital",
)
DOORDASH = Kind(
    "DOORDASH*SWEETGREEN",
    "DoorDash",
    "DoorDash",
    ("Food and Drink", "Restaurants"),
    "13005000",
    ("FOOD_AND_DRINK", "FOOD_AND_DRINK_RESTAURANT"),
    "digital",
    1800,
    5200,
)
COSTCO = _shop(
    "COSTCO WHSE #1024",
    "Costco",
    ("Shops", "Warehouses and Wholesale Stores"),
    "19051000",
    "GENERAL_MERCHANDISE_SUPERSTORES",
    6500,
    31000,
    place=NYC,
)
BESTBUY = _shop(
    "BEST BUY 00011353",
    "Best Buy",
    ("Shops", "Computers and Electronics"),
    "19013000",
    "GENERAL_MERCHANDISE_ELECTRONICS",
    2500,
    42000,
    place=NYC,
)
ATM_WITHDRAWAL = _transfer(
    "ATM WITHDRAWAL 004512 MAIN ST",
    "ATM Withdrawal",
    ("Transfer", "Withdrawal", "ATM"),
    "21012002",
    ("TRANSFER_OUT", "TRANSFER_OUT_WITHDRAWAL"),
    inflow=False,
    low=2000,
    high=10000,
    method=None,
)

# Bills.
CON_ED = _transfer(
    "CON ED OF NY INTELL CK",
    "Con Edison",
    ("Service", "Utilities", "Electric"),
    "18068001",
    ("RENT_AND_UTILITIES", "RENT_AND_UTILITIES_GAS_AND_ELECTRICITY"),
    inflow=False,
    low=8400,
    high=17900,
    merchant="Con Edison",
)
VERIZON = _transfer(
    "VERIZON WIRELESS PAYMENTS",
    "Verizon Wireless",
    ("Service", "Telecommunication Services"),
    "18063000",
    ("RENT_AND_UTILITIES", "RENT_AND_UTILITIES_TELEPHONE"),
    inflow=False,
    low=8500,
    high=8500,
    merchant="Verizon",
    kind="digital",
)
COMCAST = _transfer(
    "COMCAST XFINITY 800-266-2278",
    "Comcast",
    ("Service", "Cable"),
    "18009000",
    ("RENT_AND_UTILITIES", "RENT_AND_UTILITIES_INTERNET_AND_CABLE"),
    inflow=False,
    low=7999,
    high=7999,
    merchant="Xfinity",
    kind="digital",
)
GEICO = _transfer(
    "GEICO *AUTO 800-841-3000",
    "GEICO",
    ("Service", "Insurance"),
    "18030000",
    ("GENERAL_SERVICES", "GENERAL_SERVICES_INSURANCE"),
    inflow=False,
    low=13400,
    high=13400,
    merchant="GEICO",
    kind="digital",
)
RENT = _transfer(
    "OAKMONT PROPERTY MGMT RENT WEB PMT",
    "Oakmont Property Management",
    ("Payment", "Rent"),
    "16002000",
    ("RENT_AND_UTILITIES", "RENT_AND_UTILITIES_RENT"),
    inflow=False,
    payee="Oakmont Property Management",
)
MORTGAGE_PAYMENT = _transfer(
    "PLAID MORTGAGE PMT 8888",
    "Mortgage Payment",
    ("Payment", "Loan"),
    "16003000",
    ("LOAN_PAYMENTS", "LOAN_PAYMENTS_MORTGAGE_PAYMENT"),
    inflow=False,
)
CAR_PAYMENT = _transfer(
    "ALLY AUTO PAYMT 2214",
    "Ally Auto",
    ("Payment", "Loan"),
    "16003000",
    ("LOAN_PAYMENTS", "LOAN_PAYMENTS_CAR_PAYMENT"),
    inflow=False,
    low=41200,
    high=41200,
    merchant="Ally",
)

# Payroll and other income.
NORTHWIND_PAY = _transfer(
    "NORTHWIND LOGISTICS DIR DEP PPD ID: 1410357932",
    "Northwind Logistics",
    ("Transfer", "Payroll"),
    "21009000",
    ("INCOME", "INCOME_WAGES"),
    inflow=True,
    payer="Northwind Logistics Inc",
)
BRIGHTLINE_PAY = _transfer(
    "BRIGHTLINE HEALTH PAYROLL PPD ID: 9200502231",
    "Brightline Health",
    ("Transfer", "Payroll"),
    "21009000",
    ("INCOME", "INCOME_WAGES"),
    inflow=True,
    payer="Brightline Health LLC",
)
QUICKSERV_PAY = _transfer(
    "QUICKSERV STAFFING PAYROLL",
    "QuickServ Staffing",
    ("Transfer", "Payroll"),
    "21009000",
    ("INCOME", "INCOME_WAGES"),
    inflow=True,
    payer="QuickServ Staffing",
)
HALCYON_PAY = _transfer(
    "HALCYON CAPITAL PARTNERS PAYROLL",
    "Halcyon Capital Partners",
    ("Transfer", "Payroll"),
    "21009000",
    ("INCOME", "INCOME_WAGES"),
    inflow=True,
    payer="Halcyon Capital Partners LP",
)
INTEREST = _transfer(
    "INTRST PYMNT",
    "Interest Payment",
    ("Interest", "Interest Earned"),
    "15001000",
    ("INCOME", "INCOME_INTEREST_EARNED"),
    inflow=True,
    method=None,
)
GIFT_WIRE = _transfer(
    "INCOMING WIRE TRF FROM HAROLD P CHARLESON REF GIFT",
    "Wire Transfer",
    ("Transfer", "Wire"),
    "21011000",
    ("TRANSFER_IN", "TRANSFER_IN_DEPOSIT"),
    inflow=True,
    method="wire",
    payer="Harold P Charleson",
)
CASH_DEPOSIT = _transfer(
    "ATM CASH DEPOSIT 0871 FULTON ST",
    "Cash Deposit",
    ("Transfer", "Deposit", "ATM"),
    "21007001",
    ("TRANSFER_IN", "TRANSFER_IN_DEPOSIT"),
    inflow=True,
    method=None,
)

# Transfers between the borrower's own accounts (mirrored on both sides).
TO_SAVINGS = _transfer(
    "ONLINE TRANSFER TO SAVINGS XXXX{mask}",
    "Transfer to Savings",
    ("Transfer", "Internal Account Transfer"),
    "21001000",
    ("TRANSFER_OUT", "TRANSFER_OUT_ACCOUNT_TRANSFER"),
    inflow=False,
    method="online",
)
FROM_SAVINGS = _transfer(
    "ONLINE TRANSFER FROM SAVINGS XXXX{mask}",
    "Transfer from Savings",
    ("Transfer", "Internal Account Transfer"),
    "21001000",
    ("TRANSFER_IN", "TRANSFER_IN_ACCOUNT_TRANSFER"),
    inflow=True,
    method="online",
)
TO_CHECKING = _transfer(
    "ONLINE TRANSFER TO CHECKING XXXX{mask}",
    "Transfer to Checking",
    ("Transfer", "Internal Account Transfer"),
    "21001000",
    ("TRANSFER_OUT", "TRANSFER_OUT_ACCOUNT_TRANSFER"),
    inflow=False,
    method="online",
)
FROM_CHECKING = _transfer(
    "ONLINE TRANSFER FROM CHECKING XXXX{mask}",
    "Transfer from Checking",
    ("Transfer", "Internal Account Transfer"),
    "21001000",
    ("TRANSFER_IN", "TRANSFER_IN_ACCOUNT_TRANSFER"),
    inflow=True,
    method="online",
)
CARD_PAYMENT = _transfer(
    "CREDIT CARD {mask} PAYMENT *//",
    "Credit Card Payment",
    ("Payment", "Credit Card"),
    "16001000",
    ("LOAN_PAYMENTS", "LOAN_PAYMENTS_CREDIT_CARD_PAYMENT"),
    inflow=False,
)
CARD_PAYMENT_RECEIVED = _transfer(
    "AUTOMATIC PAYMENT - THANK YOU",
    "Automatic Payment",
    ("Payment", "Credit Card"),
    "16001000",
    ("LOAN_PAYMENTS", "LOAN_PAYMENTS_CREDIT_CARD_PAYMENT"),
    inflow=True,
)

# Bank fees (NSF persona).
OVERDRAFT_FEE = _transfer(
    "OVERDRAFT FEE",
    "Overdraft Fee",
    ("Bank Fees", "Overdraft"),
    "10001000",
    ("BANK_FEES", "BANK_FEES_OVERDRAFT_FEES"),
    inflow=False,
    low=3500,
    high=3500,
    method=None,
)
NSF_FEE = _transfer(
    "NSF FEE",
    "Insufficient Funds Fee",
    ("Bank Fees", "Insufficient Funds"),
    "10007000",
    ("BANK_FEES", "BANK_FEES_INSUFFICIENT_FUNDS"),
    inflow=False,
    low=3400,
    high=3400,
    method=None,
)
RETURNED_ITEM_FEE = _transfer(
    "RETURNED ITEM FEE",
    "Returned Item Fee",
    ("Bank Fees", "Insufficient Funds"),
    "10007000",
    ("BANK_FEES", "BANK_FEES_INSUFFICIENT_FUNDS"),
    inflow=False,
    low=3400,
    high=3400,
    method=None,
)
OPENING_DEPOSIT = _transfer(
    "BRANCH DEPOSIT - NEW ACCOUNT",
    "Deposit",
    ("Transfer", "Deposit"),
    "21007000",
    ("TRANSFER_IN", "TRANSFER_IN_DEPOSIT"),
    inflow=True,
    method=None,
)
