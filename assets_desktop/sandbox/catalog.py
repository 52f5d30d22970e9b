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
    "INCOME",
    "TRANSFER_IN",
    "TRANSFER_OUT",
    "LOAN_PAYMENTS",
    "BANK_FEES",
)


def _k(
    description: str,
    name: str,
    category: str,
    category_id: str,
    detailed: str,
    transaction_type: str,
    low: int = 0,
    high: int = 0,
    *,
    merchant: str | None = "",
    inflow: bool = False,
    place: Place | None = None,
    method: str | None = None,
    payer: str | None = None,
    payee: str | None = None,
) -> Kind:
    """A Kind from a compact row: `category` is "A|B|C"; the credit primary is from `detailed`."""
    primary = next(p for p in PRIMARY_CREDIT_CATEGORIES if detailed.startswith(p + "_"))
    return Kind(
        description,
        name,
        name if merchant == "" else merchant,
        tuple(category.split("|")),
        category_id,
        (primary, detailed),
        transaction_type,
        low,
        high,
        inflow,
        place,
        payment_method=method,
        payer=payer,
        payee=payee,
    )


# fmt: off
def _payroll(description: str, employer: str, payer: str) -> Kind:
    """A direct deposit of wages from `employer` (the payer's legal name in `payer`)."""
    return _k(description, employer, "Transfer|Payroll", "21009000", "INCOME_WAGES", "special",
              merchant=None, inflow=True, method="ACH", payer=payer)


def _transfer(inflow: bool, account: str) -> Kind:
    """An online transfer from (`inflow`) or to the borrower's own `account` ("Savings", …)."""
    word = "from" if inflow else "to"
    return _k(f"ONLINE TRANSFER {word.upper()} {account.upper()} XXXX{{mask}}",
              f"Transfer {word} {account}", "Transfer|Internal Account Transfer", "21001000",
              "TRANSFER_IN_ACCOUNT_TRANSFER" if inflow else "TRANSFER_OUT_ACCOUNT_TRANSFER",
              "special", merchant=None, inflow=inflow, method="online")


# Plaid's well-known sandbox transactions (user_good), with their usual amounts.
UBER = _k("Uber 072515 SF**POOL**", "Uber", "Travel|Taxi", "22016000",
    "TRANSPORTATION_TAXIS_AND_RIDE_SHARES", "digital", 633, 633, place=SF)
SPARKFUN = _k("SparkFun", "SparkFun", "Shops|Computers and Electronics", "19013000",
    "GENERAL_MERCHANDISE_ELECTRONICS", "digital", 8940, 8940)
MCDONALDS = _k("McDonalds #3322", "McDonald's", "Food and Drink|Restaurants|Fast Food", "13005032",
    "FOOD_AND_DRINK_FAST_FOOD", "place", 1200, 1200,
    place=Place(None, "Malakoff", "NY", "14236", store_number="3322"))
STARBUCKS = _k("Starbucks", "Starbucks", "Food and Drink|Restaurants|Coffee Shop", "13005043",
    "FOOD_AND_DRINK_COFFEE", "place", 433, 433)
KFC = _k("KFC", "KFC", "Food and Drink|Restaurants|Fast Food", "13005032",
    "FOOD_AND_DRINK_FAST_FOOD", "place", 1150, 2600)
TOUCHSTONE = _k("Touchstone Climbing", "Touchstone Climbing", "Recreation|Gyms and Fitness Centers",
    "17018000", "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS", "place", 7850, 7850)
UNITED_REFUND = _k("United Airlines **** REFUND ****", "United Airlines",
    "Travel|Airlines and Aviation Services", "22001000", "TRAVEL_FLIGHTS", "special", 50000, 50000,
    inflow=True)
GUSTO = _k("ACH Electronic CreditGUSTO PAY 123456", "GUSTO PAY", "Transfer|Payroll", "21009000",
    "INCOME_WAGES", "special", merchant="Gusto", inflow=True, method="ACH", payer="Gusto")

# Everyday spending.
GROCERY = _k("WHOLEFDS BKN 10233", "Whole Foods Market", "Shops|Supermarkets and Groceries",
    "19047000", "FOOD_AND_DRINK_GROCERIES", "place", 2400, 16800, place=BKLYN)
TRADER_JOES = _k("TRADER JOE'S #558", "Trader Joe's", "Shops|Supermarkets and Groceries",
    "19047000", "FOOD_AND_DRINK_GROCERIES", "place", 1800, 9400, place=NYC)
SHELL = _k("SHELL OIL 57444288", "Shell", "Travel|Gas Stations", "22009000", "TRANSPORTATION_GAS",
    "place", 2800, 6900, place=MALAKOFF)
AMAZON = _k("AMAZON MKTPL*2K41R7", "Amazon", "Shops|Digital Purchase", "19019000",
    "GENERAL_MERCHANDISE_ONLINE_MARKETPLACES", "digital", 900, 14900)
TARGET = _k("TARGET T-1183", "Target", "Shops|Department Stores", "19020000",
    "GENERAL_MERCHANDISE_SUPERSTORES", "place", 1200, 12800, place=BKLYN)
CVS = _k("CVS/PHARMACY #02211", "CVS Pharmacy", "Shops|Pharmacies", "19043000",
    "MEDICAL_PHARMACIES_AND_SUPPLEMENTS", "place", 500, 4800, place=NYC)
CHIPOTLE = _k("CHIPOTLE 1249", "Chipotle", "Food and Drink|Restaurants|Fast Food", "13005032",
    "FOOD_AND_DRINK_FAST_FOOD", "place", 1050, 2400, place=NYC)
BLUE_BOTTLE = _k("BLUE BOTTLE COFFEE", "Blue Bottle Coffee",
    "Food and Drink|Restaurants|Coffee Shop", "13005043", "FOOD_AND_DRINK_COFFEE", "place", 450,
    1100, place=NYC)
OLIVE = _k("THE SMITH NOMAD", "The Smith", "Food and Drink|Restaurants", "13005000",
    "FOOD_AND_DRINK_RESTAURANT", "place", 4200, 16500, place=NYC)
LYFT = _k("LYFT *RIDE SUN 4PM", "Lyft", "Travel|Taxi", "22016000",
    "TRANSPORTATION_TAXIS_AND_RIDE_SHARES", "digital", 900, 3600)
NETFLIX = _k("NETFLIX.COM", "Netflix", "Service|Subscription", "18061000",
    "ENTERTAINMENT_TV_AND_MOVIES", "digital", 1549, 1549)
DOORDASH = _k("DOORDASH*SWEETGREEN", "DoorDash", "Food and Drink|Restaurants", "13005000",
    "FOOD_AND_DRINK_RESTAURANT", "digital", 1800, 5200)
COSTCO = _k("COSTCO WHSE #1024", "Costco", "Shops|Warehouses and Wholesale Stores", "19051000",
    "GENERAL_MERCHANDISE_SUPERSTORES", "place", 6500, 31000, place=NYC)
BESTBUY = _k("BEST BUY 00011353", "Best Buy", "Shops|Computers and Electronics", "19013000",
    "GENERAL_MERCHANDISE_ELECTRONICS", "place", 2500, 42000, place=NYC)
ATM_WITHDRAWAL = _k("ATM WITHDRAWAL 004512 MAIN ST", "ATM Withdrawal", "Transfer|Withdrawal|ATM",
    "21012002", "TRANSFER_OUT_WITHDRAWAL", "special", 2000, 10000, merchant=None)

# Bills.
CON_ED = _k("CON ED OF NY INTELL CK", "Con Edison", "Service|Utilities|Electric", "18068001",
    "RENT_AND_UTILITIES_GAS_AND_ELECTRICITY", "special", 8400, 17900, method="ACH")
VERIZON = _k("VERIZON WIRELESS PAYMENTS", "Verizon Wireless", "Service|Telecommunication Services",
    "18063000", "RENT_AND_UTILITIES_TELEPHONE", "digital", 8500, 8500, merchant="Verizon",
    method="ACH")
COMCAST = _k("COMCAST XFINITY 800-266-2278", "Comcast", "Service|Cable", "18009000",
    "RENT_AND_UTILITIES_INTERNET_AND_CABLE", "digital", 7999, 7999, merchant="Xfinity",
    method="ACH")
GEICO = _k("GEICO *AUTO 800-841-3000", "GEICO", "Service|Insurance", "18030000",
    "GENERAL_SERVICES_INSURANCE", "digital", 13400, 13400, method="ACH")
RENT = _k("OAKMONT PROPERTY MGMT RENT WEB PMT", "Oakmont Property Management", "Payment|Rent",
    "16002000", "RENT_AND_UTILITIES_RENT", "special", merchant=None, method="ACH",
    payee="Oakmont Property Management")
MORTGAGE_PAYMENT = _k("PLAID MORTGAGE PMT 8888", "Mortgage Payment", "Payment|Loan", "16003000",
    "LOAN_PAYMENTS_MORTGAGE_PAYMENT", "special", merchant=None, method="ACH")
CAR_PAYMENT = _k("ALLY AUTO PAYMT 2214", "Ally Auto", "Payment|Loan", "16003000",
    "LOAN_PAYMENTS_CAR_PAYMENT", "special", 41200, 41200, merchant="Ally", method="ACH")

# Payroll and other income.
NORTHWIND_PAY = _payroll("NORTHWIND LOGISTICS DIR DEP PPD ID: 1410357932",
    "Northwind Logistics", "Northwind Logistics Inc")
BRIGHTLINE_PAY = _payroll("BRIGHTLINE HEALTH PAYROLL PPD ID: 9200502231", "Brightline Health",
    "Brightline Health LLC")
QUICKSERV_PAY = _payroll("QUICKSERV STAFFING PAYROLL", "QuickServ Staffing", "QuickServ Staffing")
HALCYON_PAY = _payroll("HALCYON CAPITAL PARTNERS PAYROLL", "Halcyon Capital Partners",
    "Halcyon Capital Partners LP")
INTEREST = _k("INTRST PYMNT", "Interest Payment", "Interest|Interest Earned", "15001000",
    "INCOME_INTEREST_EARNED", "special", merchant=None, inflow=True)
GIFT_WIRE = _k("INCOMING WIRE TRF FROM HAROLD P CHARLESON REF GIFT", "Wire Transfer",
    "Transfer|Wire", "21011000", "TRANSFER_IN_DEPOSIT", "special", merchant=None, inflow=True,
    method="wire", payer="Harold P Charleson")
CASH_DEPOSIT = _k("ATM CASH DEPOSIT 0871 FULTON ST", "Cash Deposit", "Transfer|Deposit|ATM",
    "21007001", "TRANSFER_IN_DEPOSIT", "special", merchant=None, inflow=True)

# Transfers between the borrower's own accounts (mirrored on both sides).
TO_SAVINGS = _transfer(False, "Savings")
FROM_SAVINGS = _transfer(True, "Savings")
TO_CHECKING = _transfer(False, "Checking")
FROM_CHECKING = _transfer(True, "Checking")
CARD_PAYMENT = _k("CREDIT CARD {mask} PAYMENT *//", "Credit Card Payment", "Payment|Credit Card",
    "16001000", "LOAN_PAYMENTS_CREDIT_CARD_PAYMENT", "special", merchant=None, method="ACH")
CARD_PAYMENT_RECEIVED = _k("AUTOMATIC PAYMENT - THANK YOU", "Automatic Payment",
    "Payment|Credit Card", "16001000", "LOAN_PAYMENTS_CREDIT_CARD_PAYMENT", "special",
    merchant=None, inflow=True, method="ACH")

# Bank fees (NSF persona).
OVERDRAFT_FEE = _k("OVERDRAFT FEE", "Overdraft Fee", "Bank Fees|Overdraft", "10001000",
    "BANK_FEES_OVERDRAFT_FEES", "special", 3500, 3500, merchant=None)
NSF_FEE = _k("NSF FEE", "Insufficient Funds Fee", "Bank Fees|Insufficient Funds", "10007000",
    "BANK_FEES_INSUFFICIENT_FUNDS", "special", 3400, 3400, merchant=None)
RETURNED_ITEM_FEE = _k("RETURNED ITEM FEE", "Returned Item Fee", "Bank Fees|Insufficient Funds",
    "10007000", "BANK_FEES_INSUFFICIENT_FUNDS", "special", 3400, 3400, merchant=None)
OPENING_DEPOSIT = _k("BRANCH DEPOSIT - NEW ACCOUNT", "Deposit", "Transfer|Deposit", "21007000",
    "TRANSFER_IN_DEPOSIT", "special", merchant=None, inflow=True)
# fmt: on
