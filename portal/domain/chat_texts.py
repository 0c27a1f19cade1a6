"""Texts of the chat widget and chat API in all seven portal languages.

These strings must reach the user in their own language even while the Babel catalog
for that language is incomplete (the assistant being unavailable, the leave-a-message
form, the CPR warning), so they live here as data instead of in the UI catalogs.
Danish is the source. English, Ukrainian, Arabic and Persian were written by the
developers; Somali and Tigrinya are drafts that need review by a native speaker before
production use (`REVIEW_STATUS`).
"""

from __future__ import annotations

from collections.abc import Mapping

from portal.domain.languages import LANGUAGE_CODES, SOURCE_LANGUAGE

REVIEW_STATUS: Mapping[str, str] = {
    "da": "source",
    "en": "developer translation",
    "uk": "developer translation",
    "ar": "developer translation",
    "fa": "developer translation",
    "so": "draft, needs native-speaker review",
    "ti": "draft, needs native-speaker review",
}

TEXTS: Mapping[str, Mapping[str, str]] = {
    "machine_translated": {
        "da": "Svaret er maskinoversat. Den danske tekst er gældende.",
        "en": "This answer was translated by machine. The Danish text is authoritative.",
        "ar": "هذه الإجابة مترجمة آليًا. النص الدنماركي هو المعتمد.",
        "uk": "Цю відповідь перекладено машинно. Чинним є данський текст.",
        "fa": "این پاسخ به‌صورت ماشینی ترجمه شده است. متن دانمارکی معتبر است.",
        "so": (
            "Jawaabtan waxaa lagu turjumay mashiin. "
            "Qoraalka af-Deenishka ah ayaa ah kan rasmiga ah."
        ),
        "ti": "እዚ መልሲ ብማሽን እዩ ተተርጒሙ። እቲ ናይ ዴንማርክኛ ጽሑፍ እዩ ዝሰርሕ።",
    },
    "title": {
        "da": "Spørg Jobvej-assistenten",
        "en": "Ask the Jobvej assistant",
        "ar": "اسأل مساعد Jobvej",
        "uk": "Запитайте помічника Jobvej",
        "fa": "از دستیار Jobvej بپرسید",
        "so": "Weydii caawiyaha Jobvej",
        "ti": "ንሓጋዚ Jobvej ሕተት",
    },
    "open": {
        "da": "Spørg assistenten",
        "en": "Ask the assistant",
        "ar": "اسأل المساعد",
        "uk": "Запитати помічника",
        "fa": "از دستیار بپرسید",
        "so": "Weydii caawiyaha",
        "ti": "ንሓጋዚ ሕተት",
    },
    "close": {
        "da": "Luk chatten",
        "en": "Close the chat",
        "ar": "إغلاق المحادثة",
        "uk": "Закрити чат",
        "fa": "بستن گفتگو",
        "so": "Xir wada-sheekaysiga",
        "ti": "ዕላል ዕጸው",
    },
    "intro": {
        "da": "Hej! Jeg er en automatisk assistent. Jeg svarer på generelle spørgsmål om job, "
        "ydelser og kommunens jobservice. Jeg kan ikke se din sag. Du kan altid få en "
        "medarbejder til at svare dig.",
        "en": "Hello! I am an automatic assistant. I answer general questions about jobs, "
        "benefits and the municipality's job service. I cannot see your case. You can always "
        "ask for a member of staff to answer you.",
        "ar": "مرحبًا! أنا مساعد آلي. أجيب عن الأسئلة العامة حول العمل والإعانات وخدمة التوظيف "
        "في البلدية. لا أستطيع الاطلاع على ملفك. يمكنك دائمًا أن تطلب أن يرد عليك موظف.",
        "uk": "Вітаю! Я автоматичний помічник. Я відповідаю на загальні запитання про роботу, "
        "виплати та службу зайнятості комуни. Я не бачу вашої справи. Ви завжди можете "
        "попросити, щоб вам відповів працівник.",
        "fa": "سلام! من یک دستیار خودکار هستم. به پرسش‌های عمومی درباره کار، مزایا و خدمات شغلی "
        "شهرداری پاسخ می‌دهم. من پرونده شما را نمی‌بینم. همیشه می‌توانید بخواهید که یک "
        "کارمند به شما پاسخ دهد.",
        "so": "Salaan! Waxaan ahay caawiye otomaatig ah. Waxaan ka jawaabaa su'aalaha guud ee "
        "ku saabsan shaqada, gunnooyinka iyo adeegga shaqada ee degmada. Ma arki karo "
        "kiiskaaga. Had iyo jeer waxaad codsan kartaa in shaqaale kuu jawaabo.",
        "ti": "ሰላም! ኣነ ኣውቶማቲክ ሓጋዚ እየ። ብዛዕባ ስራሕ፡ ሓገዛትን ኣገልግሎት ስራሕ ምምሕዳርን ንዘለዉ "
        "ሓፈሻዊ ሕቶታት እምልስ። ጉዳይካ ክርኢ ኣይክእልን። ኩሉ ግዜ ሰራሕተኛ ክምልሰልካ ክትሓትት ትኽእል ኢኻ።",
    },
    "cpr_warning": {
        "da": "Skriv ikke dit CPR-nummer eller andre personlige oplysninger i chatten.",
        "en": "Do not write your CPR number or other personal details in the chat.",
        "ar": "لا تكتب رقمك الشخصي (CPR) أو أي معلومات شخصية أخرى في المحادثة.",
        "uk": "Не пишіть у чаті свій номер CPR чи інші особисті дані.",
        "fa": "شماره CPR یا دیگر اطلاعات شخصی خود را در گفتگو ننویسید.",
        "so": "Ha ku qorin lambarkaaga CPR ama macluumaad kale oo shakhsi ah wada-sheekaysiga.",
        "ti": "ቁጽሪ CPRካ ወይ ካልእ ውልቃዊ ሓበሬታ ኣብ ዕላል ኣይትጽሓፍ።",
    },
    "input_label": {
        "da": "Dit spørgsmål",
        "en": "Your question",
        "ar": "سؤالك",
        "uk": "Ваше запитання",
        "fa": "پرسش شما",
        "so": "Su'aashaada",
        "ti": "ሕቶኻ",
    },
    "send": {
        "da": "Send",
        "en": "Send",
        "ar": "إرسال",
        "uk": "Надіслати",
        "fa": "ارسال",
        "so": "Dir",
        "ti": "ስደድ",
    },
    "thinking": {
        "da": "Assistenten skriver …",
        "en": "The assistant is writing …",
        "ar": "المساعد يكتب …",
        "uk": "Помічник пише …",
        "fa": "دستیار در حال نوشتن است …",
        "so": "Caawiyaha ayaa qoraya …",
        "ti": "ሓጋዚ ይጽሕፍ ኣሎ …",
    },
    "you": {
        "da": "Dig",
        "en": "You",
        "ar": "أنت",
        "uk": "Ви",
        "fa": "شما",
        "so": "Adiga",
        "ti": "ንስኻ",
    },
    "assistant": {
        "da": "Assistent",
        "en": "Assistant",
        "ar": "المساعد",
        "uk": "Помічник",
        "fa": "دستیار",
        "so": "Caawiye",
        "ti": "ሓጋዚ",
    },
    "staff": {
        "da": "Medarbejder",
        "en": "Member of staff",
        "ar": "موظف",
        "uk": "Працівник",
        "fa": "کارمند",
        "so": "Shaqaale",
        "ti": "ሰራሕተኛ",
    },
    "unavailable": {
        "da": "Assistenten er ikke tilgængelig lige nu. Du kan skrive en besked til en "
        "medarbejder i stedet – den bliver ikke væk.",
        "en": "The assistant is not available right now. You can leave a message for a member "
        "of staff instead – it will not be lost.",
        "ar": "المساعد غير متاح الآن. يمكنك بدلًا من ذلك ترك رسالة لموظف – لن تضيع رسالتك.",
        "uk": "Помічник зараз недоступний. Натомість ви можете залишити повідомлення для "
        "працівника – воно не загубиться.",
        "fa": "دستیار در حال حاضر در دسترس نیست. به جای آن می‌توانید برای یک کارمند پیام "
        "بگذارید – پیام شما گم نمی‌شود.",
        "so": "Caawiyaha hadda lama heli karo. Taa beddelkeeda waxaad fariin u dhaafi kartaa "
        "shaqaale – fariintu ma lumayso.",
        "ti": "ሓጋዚ ሕጂ ኣይርከብን እዩ። ኣብ ክንድኡ ንሰራሕተኛ መልእኽቲ ክትገድፍ ትኽእል ኢኻ – መልእኽትኻ ኣይጠፍእን።",
    },
    "leave_message": {
        "da": "Skriv en besked til en medarbejder",
        "en": "Leave a message for a member of staff",
        "ar": "اترك رسالة لموظف",
        "uk": "Залишити повідомлення для працівника",
        "fa": "برای یک کارمند پیام بگذارید",
        "so": "Fariin u dhaaf shaqaale",
        "ti": "ንሰራሕተኛ መልእኽቲ ግደፍ",
    },
    "name_label": {
        "da": "Dit navn",
        "en": "Your name",
        "ar": "اسمك",
        "uk": "Ваше ім'я",
        "fa": "نام شما",
        "so": "Magacaaga",
        "ti": "ስምካ",
    },
    "contact_label": {
        "da": "Telefonnummer eller e-mail, så vi kan svare dig",
        "en": "Phone number or e-mail, so we can answer you",
        "ar": "رقم الهاتف أو البريد الإلكتروني لنتمكن من الرد عليك",
        "uk": "Номер телефону або e-mail, щоб ми могли вам відповісти",
        "fa": "شماره تلفن یا ایمیل، تا بتوانیم به شما پاسخ دهیم",
        "so": "Lambarka taleefanka ama iimaylka, si aan kuugu jawaabno",
        "ti": "ክንምልሰልካ ቁጽሪ ተሌፎን ወይ ኢ-መይል",
    },
    "message_label": {
        "da": "Din besked",
        "en": "Your message",
        "ar": "رسالتك",
        "uk": "Ваше повідомлення",
        "fa": "پیام شما",
        "so": "Fariintaada",
        "ti": "መልእኽትኻ",
    },
    "consent_label": {
        "da": "Jeg giver lov til, at kommunens medarbejdere læser min besked og kontakter mig.",
        "en": "I agree that the municipality's staff may read my message and contact me.",
        "ar": "أوافق على أن يقرأ موظفو البلدية رسالتي وأن يتواصلوا معي.",
        "uk": "Я погоджуюся, щоб працівники комуни прочитали моє повідомлення "
        "і зв'язалися зі мною.",
        "fa": "موافقم که کارمندان شهرداری پیام مرا بخوانند و با من تماس بگیرند.",
        "so": "Waan oggolahay in shaqaalaha degmadu akhriyaan fariintayda oo ay ila soo xiriiraan.",
        "ti": "ሰራሕተኛታት ምምሕዳር መልእኽተይ ኣንቢቦም ክረኽቡኒ ይሰማማዕ።",
    },
    "submit_message": {
        "da": "Send besked",
        "en": "Send message",
        "ar": "إرسال الرسالة",
        "uk": "Надіслати повідомлення",
        "fa": "ارسال پیام",
        "so": "Dir fariinta",
        "ti": "መልእኽቲ ስደድ",
    },
    "message_sent": {
        "da": "Tak. Din besked er sendt.",
        "en": "Thank you. Your message has been sent.",
        "ar": "شكرًا. تم إرسال رسالتك.",
        "uk": "Дякуємо. Ваше повідомлення надіслано.",
        "fa": "سپاس. پیام شما ارسال شد.",
        "so": "Mahadsanid. Fariintaada waa la diray.",
        "ti": "የቐንየልና። መልእኽትኻ ተላኢኹ እዩ።",
    },
    "error_required": {
        "da": "Udfyld feltet.",
        "en": "Fill in this field.",
        "ar": "املأ هذا الحقل.",
        "uk": "Заповніть це поле.",
        "fa": "این قسمت را پر کنید.",
        "so": "Buuxi goobtan.",
        "ti": "ነዚ ቦታ ምላእ።",
    },
    "error_too_long": {
        "da": "Teksten er for lang.",
        "en": "The text is too long.",
        "ar": "النص طويل جدًا.",
        "uk": "Текст задовгий.",
        "fa": "متن خیلی طولانی است.",
        "so": "Qoraalku aad buu u dheer yahay.",
        "ti": "እቲ ጽሑፍ ኣዝዩ ነዊሕ እዩ።",
    },
    "error_consent": {
        "da": "Sæt kryds, hvis du giver lov. Ellers kan vi ikke sende beskeden.",
        "en": "Tick the box if you agree. Otherwise we cannot send the message.",
        "ar": "ضع علامة في المربع إذا كنت توافق. وإلا لا يمكننا إرسال الرسالة.",
        "uk": "Поставте позначку, якщо погоджуєтеся. Інакше ми не можемо надіслати повідомлення.",
        "fa": "اگر موافقید، این گزینه را علامت بزنید. در غیر این صورت نمی‌توانیم پیام را بفرستیم.",
        "so": "Calaamadee sanduuqa haddii aad oggoshahay. Haddii kale fariinta ma diri karno.",
        "ti": "እንተ ተሰማሚዕካ ነታ ሳጹን ምልክት ግበረላ። እንተዘይኮይኑ መልእኽቲ ክንሰድድ ኣይንኽእልን።",
    },
    "error_generic": {
        "da": "Noget gik galt. Prøv igen om lidt.",
        "en": "Something went wrong. Please try again in a moment.",
        "ar": "حدث خطأ ما. حاول مرة أخرى بعد قليل.",
        "uk": "Щось пішло не так. Спробуйте ще раз трохи згодом.",
        "fa": "مشکلی پیش آمد. لطفاً کمی بعد دوباره تلاش کنید.",
        "so": "Wax baa khaldamay. Fadlan mar kale isku day wax yar kadib.",
        "ti": "ገለ ጌጋ ተፈጢሩ። ድሕሪ ቁሩብ ደጊምካ ፈትን።",
    },
    "rate_limited": {
        "da": "Du har skrevet mange beskeder på kort tid. Vent et minut, og prøv igen.",
        "en": "You have sent many messages in a short time. Wait a minute and try again.",
        "ar": "أرسلت رسائل كثيرة في وقت قصير. انتظر دقيقة ثم حاول مرة أخرى.",
        "uk": "Ви надіслали багато повідомлень за короткий час. "
        "Зачекайте хвилину і спробуйте ще раз.",
        "fa": "در مدت کوتاهی پیام‌های زیادی فرستاده‌اید. یک دقیقه صبر کنید و دوباره تلاش کنید.",
        "so": "Waxaad dirtay fariimo badan waqti gaaban. Sug daqiiqad oo mar kale isku day.",
        "ti": "ኣብ ሓጺር ግዜ ብዙሕ መልእኽቲ ሰዲድካ። ሓንቲ ደቒቕ ተጸበ እሞ ደጊምካ ፈትን።",
    },
    "staff_reply": {
        "da": "Svar fra en medarbejder",
        "en": "Reply from a member of staff",
        "ar": "رد من موظف",
        "uk": "Відповідь працівника",
        "fa": "پاسخ یک کارمند",
        "so": "Jawaab ka timid shaqaale",
        "ti": "መልሲ ካብ ሰራሕተኛ",
    },
    "inbox_link": {
        "da": "Se svar i din indbakke",
        "en": "See replies in your inbox",
        "ar": "اطلع على الردود في صندوق الوارد",
        "uk": "Переглянути відповіді у вхідних",
        "fa": "پاسخ‌ها را در صندوق پیام خود ببینید",
        "so": "Ka eeg jawaabaha sanduuqaaga fariimaha",
        "ti": "መልስታት ኣብ ሳጹን መልእኽትኻ ርአ",
    },
    "no_js_link": {
        "da": "Åbn assistenten på en side for sig",
        "en": "Open the assistant on its own page",
        "ar": "افتح المساعد في صفحة مستقلة",
        "uk": "Відкрити помічника на окремій сторінці",
        "fa": "دستیار را در یک صفحه جداگانه باز کنید",
        "so": "Ku fur caawiyaha bog gaar ah",
        "ti": "ሓጋዚ ኣብ በይኑ ገጽ ክፈት",
    },
}


def chat_text(key: str, language: str) -> str:
    """One widget/API text in `language`, falling back to Danish (KeyError for unknown keys)."""
    entry = TEXTS[key]
    return entry.get(language) or entry[SOURCE_LANGUAGE]


def chat_texts(language: str) -> dict[str, str]:
    """All widget texts in `language` (Danish where a text is missing)."""
    return {key: chat_text(key, language) for key in TEXTS}


def missing_translations() -> list[tuple[str, str]]:
    """(key, language) pairs without a text; empty when every language is complete."""
    return [(key, code) for key in TEXTS for code in LANGUAGE_CODES if not TEXTS[key].get(code)]
